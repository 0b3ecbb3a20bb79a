import { useQuery } from '@tanstack/react-query';
import { Button, Empty } from 'antd';
import { useT } from '../i18n';

/**
 * An empty state that offers the latest year which does have records, when it is another year
 * than the one shown (a new year before its first records; the demo, whose data ends in 2022).
 * `latestDate` asks the server for the newest record's date in the user's jurisdiction; it is
 * asked only once the page is found empty.
 */
export function LatestYearEmpty(props: {
  description: string;
  shownYear: number | undefined;
  queryKey: readonly unknown[];
  latestDate: () => Promise<string | null>;
  onPick: (year: number) => void;
  testId: string;
}) {
  const { t } = useT();
  const latest = useQuery({ queryKey: props.queryKey, queryFn: props.latestDate, staleTime: 60_000 });
  const year = latest.data ? Number(latest.data.slice(0, 4)) : null;
  return (
    <Empty description={props.description} data-testid={props.testId}>
      {year !== null && year !== props.shownYear ? (
        <Button type="link" onClick={() => props.onPick(year)} data-testid={`${props.testId}-latest`}>
          {t('common.openLatestYear', { year })}
        </Button>
      ) : null}
    </Empty>
  );
}
