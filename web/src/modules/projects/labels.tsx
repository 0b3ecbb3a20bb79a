import { Tag } from 'antd';
import { codeLabel, type DealStage, type ProjectStage } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';

const PROJECT_STAGE_COLORS: Record<ProjectStage, string> = {
  preparing: 'default',
  under_construction: 'processing',
  completed: 'cyan',
  in_production: 'success',
};

export function ProjectStageTag({ stage }: { stage: ProjectStage }) {
  const { locale } = useT();
  return <Tag color={PROJECT_STAGE_COLORS[stage]}>{codeLabel('projectStage', stage, locale)}</Tag>;
}

export const DEAL_STAGE_COLORS: Record<DealStage, string> = {
  signed: 'default',
  fulfilling: 'blue',
  landed: 'geekblue',
  started: 'purple',
  in_production: 'green',
  stalled: 'orange',
  terminated: 'red',
};

export function DealStageTag({ stage }: { stage: string }) {
  const { locale } = useT();
  return <Tag color={DEAL_STAGE_COLORS[stage as DealStage] ?? 'default'}>{codeLabel('dealStage', stage, locale)}</Tag>;
}
