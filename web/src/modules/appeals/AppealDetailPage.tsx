import { ItemDetailPage } from '../problems/ItemDetailPage';

/** 诉求详情: the same engine as a problem, in the appeal's words. */
export default function AppealDetailPage() {
  return <ItemDetailPage kind="appeal" />;
}
