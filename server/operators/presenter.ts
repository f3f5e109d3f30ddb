import type { OperatorView } from '../../common/api/operator';
import type { OperatorRow } from './store';

/** Every field returned about operator staff; the password hash never leaves the server. */
export function presentOperator(row: OperatorRow): OperatorView {
  return { id: row.id, name: row.name, email: row.email };
}
