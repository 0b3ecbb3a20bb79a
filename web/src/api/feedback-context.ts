import type { FormInstance } from 'antd';
import { createContext } from 'react';
import type { Feedback, Phase } from './feedback';

export interface FeedbackOptions {
  phase?: Phase;
  /** The form whose fields should show field errors. */
  // biome-ignore lint/suspicious/noExplicitAny: any form shape
  form?: FormInstance<any>;
  /** Reload the record after a 409 so the user edits the latest version. */
  onConflict?: () => void;
  /** Show plain messages in place (e.g. under the sign-in form) instead of a toast. */
  onMessage?: (message: string) => void;
}

export type ApplyFeedback = (error: unknown, options?: FeedbackOptions) => Feedback;

/** In its own module so hot reloads of the contracts keep one context object. */
export const FeedbackContext = createContext<ApplyFeedback | null>(null);
