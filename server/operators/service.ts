import * as z from 'zod';
import { email, newPassword, personName } from '../../common/api/fields';
import type { Client } from '../http/client';
import { isCommonPassword, type PasswordHasher } from '../accounts/passwords';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Throttle } from '../throttle/throttle';
import type { OperatorRow, OperatorStore } from './store';

export const newOperator = z.strictObject({ email, name: personName, password: newPassword });

/** The failure limits are the customers' own, counted apart (another key) so neither locks out the other. */
const scoped = (value: string) => `operator:${value}`;

export class OperatorService {
  constructor(private readonly deps: { store: OperatorStore; hasher: PasswordHasher; throttle: Throttle; clock: Clock }) {}

  /** Only the CLI calls this: there is no route that creates operator staff. */
  async create(input: z.input<typeof newOperator>): Promise<OperatorRow> {
    const parsed = newOperator.safeParse(input);
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    if (await isCommonPassword(parsed.data.password)) throw new Error('password: this password is too common; choose another');
    const created = await this.deps.store.insert({
      email: parsed.data.email,
      name: parsed.data.name,
      passwordHash: await this.deps.hasher.hash(parsed.data.password),
      createdAt: this.deps.clock.now(),
    });
    if (!created) throw new Error(`email: an operator with ${parsed.data.email} exists already`);
    return created;
  }

  /** Retention rule operatorStaff: when someone leaves the operator's staff. */
  async remove(emailAddress: string): Promise<boolean> {
    return this.deps.store.deleteByEmail(emailAddress.trim().toLowerCase());
  }

  async authenticate(emailAddress: string, password: string, client: Client): Promise<OperatorRow> {
    const { store, throttle, hasher } = this.deps;
    hasher.ensureCapacity();
    const attempt = await throttle.reserve([
      { limit: 'loginFailuresPerClient', subject: scoped(client.address), onSuccess: 'release' },
      { limit: 'loginFailuresPerAccount', subject: scoped(emailAddress), onSuccess: 'clear' },
    ]);
    const operator = await store.findByEmail(emailAddress);
    // Verified even for an unknown address, so the answer takes as long either way.
    const valid = await hasher.verify(password, operator?.passwordHash, attempt);
    if (!operator || !valid) throw new AppError('invalid_credentials', 'E-mail address or password is wrong.');
    return operator;
  }

  async find(id: string): Promise<OperatorRow> {
    const operator = await this.deps.store.findById(id);
    if (!operator) throw new AppError('operator_login_required', 'Please log in to the operator area.');
    return operator;
  }
}
