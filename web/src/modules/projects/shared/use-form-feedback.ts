import type { FormInstance } from 'antd';
import { useFeedback } from '../../../api/feedback-provider';
import { fitFieldErrors, formPaths, withNumericPaths } from './form-paths';

/**
 * The feedback of a form with list rows: field errors go to the nearest field the form has,
 * by the row the user sees (see form-paths.ts), then through the one feedback place.
 */
export function useFormFeedback() {
  const feedback = useFeedback();
  return (
    error: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: any form shape
    form: FormInstance<any>,
    options: { remap?: (path: string) => string; onConflict?: () => void } = {},
  ) => {
    const result = feedback(fitFieldErrors(error, formPaths(form), options.remap), {
      form: withNumericPaths(form),
      onConflict: options.onConflict,
    });
    // Long forms: bring the first field with an error into view.
    const first = form.getFieldsError().find((entry) => entry.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
    return result;
  };
}
