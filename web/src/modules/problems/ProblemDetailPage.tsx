import { ItemDetailPage } from './ItemDetailPage';

/** 问题详情. */
export default function ProblemDetailPage() {
  return <ItemDetailPage kind="problem" />;
}
