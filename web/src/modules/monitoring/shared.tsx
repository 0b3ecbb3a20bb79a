import { Breadcrumb, Card, DatePicker, Flex, Form, Select, Spin, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import type { LightColour, Locale, MonitoringOverview, UnitLight, UnitTreeNode } from '../../../../src/contracts/index.js';
import { LIGHT_COLORS, lightTagColor } from '../../charts/lights';
import { useT } from '../../i18n';
import { buildUnitTree, unitName } from '../org/unit-tree';
import { type MonitoringParams, yearOptions } from './monitoring-query';
import { currentYear } from './use-monitoring';

/** 绿灯 / 黄灯 / 红灯 / 无计划 as a coloured tag. */
export function LightTag({ light, testId }: { light: LightColour; testId?: string }) {
  const { t } = useT();
  return (
    <Tag color={lightTagColor(light)} data-testid={testId} data-light={light} style={{ marginInlineEnd: 0 }}>
      {t(`monitoring.light.${light}`)}
    </Tag>
  );
}

/** A small round light, for legends and compact lists. */
export function LightDot({ light, size = 10 }: { light: LightColour | null; size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: size / 2,
        background: light ? LIGHT_COLORS[light] : '#f0f0f0',
        border: light ? 'none' : '1px solid #d9d9d9',
        verticalAlign: 'middle',
      }}
    />
  );
}

/**
 * Whether an overview row is the scope's own projects (filed directly under the unit looked
 * into) rather than a unit below it. Its list would be the whole scope's, so it gets no links.
 */
export function ownRowTest(
  overview: Pick<MonitoringOverview, 'scope'> | undefined,
  units: readonly UnitTreeNode[],
): (row: Pick<UnitLight, 'unitId' | 'unitName' | 'hasChildren'>) => boolean {
  const scopeId = overview?.scope.unitId ?? units.find((unit) => unit.parentId === null)?.id ?? null;
  return (row) => row.unitId === scopeId || (!row.hasChildren && row.unitName === overview?.scope.unitName);
}

/** The chain of units from the top of the user's tree down to `unitId` (empty when unknown). */
export function unitTrail(items: readonly UnitTreeNode[], unitId: number | undefined): UnitTreeNode[] {
  if (unitId === undefined) return [];
  const byId = new Map(items.map((unit) => [unit.id, unit]));
  const trail: UnitTreeNode[] = [];
  let unit = byId.get(unitId);
  while (unit && trail.length < 20) {
    trail.unshift(unit);
    unit = unit.parentId === null ? undefined : byId.get(unit.parentId);
  }
  return trail;
}

/**
 * The name of the unit looked into in the UI language: the API gives the Chinese name; the
 * unit tree has both (the whole city is the tree's top, the unit without a parent).
 */
export function scopeUnitName(items: readonly UnitTreeNode[], scope: { unitId: number | null; unitName: string }, locale: Locale): string {
  const unit = items.find((u) => (scope.unitId === null ? u.parentId === null : u.id === scope.unitId));
  return unit ? unitName(unit, locale) : scope.unitName;
}

/**
 * Where one is looking: the top of the user's tree (their whole jurisdiction), then each unit
 * down to the one looked into, each a link back up (`linkTo(undefined)` is the whole jurisdiction).
 */
export function ScopeTrail({
  units,
  unitId,
  scopeName,
  linkTo,
}: {
  units: readonly UnitTreeNode[];
  unitId: number | undefined;
  /** The name of the unit looked into as the API gives it (when the unit tree is not readable). */
  scopeName?: string | undefined;
  linkTo: (unitId: number | undefined) => string;
}) {
  const { t, locale } = useT();
  const trail = unitTrail(units, unitId);
  const last = (text: string) => <Typography.Text strong>{text}</Typography.Text>;
  let items: { key: string | number; title: ReactNode }[];
  if (unitId === undefined) items = [{ key: 'top', title: last(scopeName ?? t('monitoring.allUnits')) }];
  else if (trail.length === 0) {
    items = [
      { key: 'top', title: <Link to={linkTo(undefined)}>{t('monitoring.allUnits')}</Link> },
      { key: 'scope', title: last(scopeName ?? `#${unitId}`) },
    ];
  } else {
    items = trail.map((unit, index) => ({
      key: unit.id,
      title:
        index === trail.length - 1 ? (
          last(unitName(unit, locale))
        ) : (
          <Link to={linkTo(index === 0 ? undefined : unit.id)}>{unitName(unit, locale)}</Link>
        ),
    }));
  }
  return <Breadcrumb items={items} data-testid="monitoring-scope" />;
}

/**
 * Year, as-of date and unit: a new year starts again at its default date, and the date can
 * only be picked inside the year shown.
 */
export function MonitoringToolbar({
  params,
  shownAsOf,
  units,
  onChange,
  showUnit = true,
}: {
  params: MonitoringParams;
  /** The date the figures are as of (the server's default when the URL has none). */
  shownAsOf?: string | undefined;
  units: { enabled: boolean; items: readonly UnitTreeNode[] };
  onChange: (next: MonitoringParams) => void;
  showUnit?: boolean;
}) {
  const { t, locale } = useT();
  const thisYear = currentYear();
  const tree = useMemo(() => buildUnitTree(units.items, { locale }), [units.items, locale]);
  const year = params.year;
  const asOf = params.asOf ?? shownAsOf;
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <Form.Item label={t('monitoring.year')}>
        <Select<number>
          value={year}
          loading={year === undefined}
          onChange={(next) => onChange({ year: next, unitId: params.unitId })}
          options={yearOptions(thisYear, year).map((y) => ({ value: y, label: t('monitoring.yearOption', { year: y }) }))}
          style={{ width: 110 }}
          data-testid="monitoring-year"
        />
      </Form.Item>
      <Form.Item label={t('monitoring.asOf')}>
        <DatePicker
          value={asOf ? dayjs(asOf) : null}
          disabled={year === undefined}
          allowClear={params.asOf !== undefined}
          placeholder={t('monitoring.asOfDefault')}
          disabledDate={(date) => year === undefined || date.year() !== year}
          defaultPickerValue={year !== undefined ? dayjs(`${year}-12-01`) : undefined}
          onChange={(date) => onChange({ ...params, asOf: date ? date.format('YYYY-MM-DD') : undefined })}
          style={{ width: 140 }}
          data-testid="monitoring-asof"
        />
      </Form.Item>
      {showUnit && units.enabled ? (
        <Form.Item label={t('monitoring.unit')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('monitoring.allUnits')}
            treeData={tree}
            value={params.unitId}
            onChange={(unitId?: number) => onChange({ ...params, unitId: unitId ?? undefined })}
            style={{ width: 200 }}
            listHeight={360}
            data-testid="monitoring-unit"
          />
        </Form.Item>
      ) : null}
    </Form>
  );
}

/** While the page looks for the latest year with data. */
export function ResolvingYear({ year }: { year: number }) {
  const { t } = useT();
  return (
    <Card>
      <Flex vertical align="center" gap={12} style={{ padding: 48 }} data-testid="monitoring-resolving">
        <Spin />
        <Typography.Text type="secondary">{t('monitoring.findingYear', { year })}</Typography.Text>
      </Flex>
    </Card>
  );
}
