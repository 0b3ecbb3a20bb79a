import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type ReactNode, useCallback, useContext, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { translate } from '../../../src/contracts/index.js';
import { forgetSession, SESSION_KEY } from '../app/session';
import { useT } from '../i18n';
import { clearAllErrors } from '../lib/form-errors';
import { decideFeedback, splitFieldErrors } from './feedback';
import { type ApplyFeedback, FeedbackContext, type FeedbackOptions } from './feedback-context';

export type { ApplyFeedback, FeedbackOptions };

/** Query errors happen outside components; the provider registers itself here for the QueryCache. */
let globalApply: ApplyFeedback | null = null;
export function reportQueryError(error: unknown): void {
  globalApply?.(error, { phase: 'load' });
}

/**
 * The one place an error becomes Ant Design feedback: field errors on the form, 401 back to
 * the sign-in page (the route guard keeps the target URL), 428 to the change-password page,
 * 403/404 of a page load to a result page (the page renders it), 409 reloads, the rest a message.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const { t, locale } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const apply = useCallback<ApplyFeedback>(
    (error, options = {}) => {
      const feedback = decideFeedback(
        error,
        { phase: options.phase ?? 'action', hasForm: Boolean(options.form) },
        translate(locale, 'error.INTERNAL'),
      );
      const say = (text: string) => (options.onMessage ? options.onMessage(text) : message.error(text));
      switch (feedback.kind) {
        case 'fields': {
          const form = options.form!;
          const formPaths = form.getFieldsError().map((entry) => entry.name.join('.'));
          const { onForm, elsewhere } = splitFieldErrors(feedback.fields, formPaths);
          clearAllErrors(form);
          form.setFields(onForm);
          if (onForm.length === 0 || elsewhere.length > 0) {
            say(
              [feedback.message, ...elsewhere.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message))].join(
                t('common.clauseSeparator'),
              ),
            );
          }
          break;
        }
        case 'login':
          forgetSession(queryClient);
          break;
        case 'change-password':
          message.warning(t('feedback.passwordChangeRequired'));
          void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
          navigate('/account');
          break;
        case 'result':
          break;
        case 'conflict':
          message.warning(t('feedback.conflict'));
          options.onConflict?.();
          break;
        case 'message':
          say(feedback.message);
          break;
      }
      return feedback;
    },
    [locale, message, navigate, queryClient, t],
  );

  useEffect(() => {
    globalApply = apply;
    return () => {
      if (globalApply === apply) globalApply = null;
    };
  }, [apply]);

  return <FeedbackContext.Provider value={apply}>{children}</FeedbackContext.Provider>;
}

export function useFeedback(): ApplyFeedback {
  const apply = useContext(FeedbackContext);
  if (!apply) throw new Error('useFeedback() outside <FeedbackProvider>');
  return apply;
}
