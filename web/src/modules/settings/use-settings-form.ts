import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { useT } from '../../i18n';
import { parseForm } from '../../lib/zod-form';
import { useFormFeedback } from '../projects/shared/use-form-feedback';
import { mergeSettings } from './merge';

/**
 * A settings document edited on one form with optimistic concurrency: loaded, merged with the
 * edits, checked with its contract schema, saved with the version it was read at; a conflict
 * reloads it. `formVersion` is the form's key (a fresh form after each save or reload).
 */
export function useSettingsForm<T extends Record<string, unknown>>(options: {
  queryKey: QueryKey;
  load: () => Promise<T & { version: number }>;
  schema: z.ZodType<T & { version: number }>;
  save: (body: T & { version: number }) => Promise<T & { version: number }>;
  /** Where an error of a path the form has no field for is shown (see useFormFeedback). */
  remap?: (path: string) => string;
}) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formFeedback = useFormFeedback();
  const [form] = Form.useForm<T>();
  const settings = useQuery({ queryKey: options.queryKey, queryFn: options.load });
  const [formVersion, setFormVersion] = useState(0);

  const save = useMutation({
    mutationFn: (values: T) => {
      const { version, ...stored } = settings.data as T & { version: number };
      return options.save(parseForm(options.schema, { ...mergeSettings(stored as Record<string, unknown>, values), version }, locale));
    },
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      queryClient.setQueryData(options.queryKey, saved);
      form.setFieldsValue(saved as Parameters<typeof form.setFieldsValue>[0]);
      setFormVersion((n) => n + 1);
    },
    onError: (error) =>
      formFeedback(error, form, {
        ...(options.remap ? { remap: options.remap } : {}),
        onConflict: () =>
          void settings.refetch().then((fresh) => {
            if (fresh.data) form.setFieldsValue(fresh.data as Parameters<typeof form.setFieldsValue>[0]);
            setFormVersion((n) => n + 1);
          }),
      }),
  });
  return { form, settings, save, formVersion };
}
