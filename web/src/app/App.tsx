import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { type ReactNode, useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { isApiError } from '../api/client';
import { reportQueryError } from '../api/feedback-provider';
import { I18nProvider, useT } from '../i18n';
import { router } from './router';

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => reportQueryError(error) }),
  defaultOptions: {
    queries: {
      // An API answer (403, 404, 409 …) will not change by asking again; a network hiccup might.
      retry: (failureCount, error) => failureCount < 2 && (!isApiError(error) || error.status === 0),
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Someone who asked their system for less motion gets none: modals, drawers and drop-downs
 * appear at once (antd's `motion` token). The end-to-end browser asks for it too, so a click
 * never lands on a dialog still zooming in.
 */
const motion = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { locale } = useT();
  const isZh = locale === 'zh-CN';
  useEffect(() => {
    dayjs.locale(isZh ? 'zh-cn' : 'en');
  }, [isZh]);
  return (
    <ConfigProvider locale={isZh ? zhCNAntd : enUSAntd} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6, motion } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalizedAntd>
          <RouterProvider router={router} />
        </LocalizedAntd>
      </I18nProvider>
    </QueryClientProvider>
  );
}
