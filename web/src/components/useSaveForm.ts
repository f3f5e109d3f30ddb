import { useState } from 'react';
import type * as z from 'zod';
import { useForm, type FormOptions } from './useForm';

type Values = Record<string, string>;

/**
 * A form that edits a saved record (profile, organisation): starts from the record, and after
 * saving shows what the server stored, hands it on and says "saved" until the next attempt.
 */
export function useSaveForm<Saved, V extends Values, S extends z.ZodType>({
  record,
  valuesOf,
  save,
  onSaved,
  ...options
}: Omit<FormOptions<V, S>, 'initial' | 'onSubmit'> & {
  record: Saved;
  valuesOf: (record: Saved) => V;
  save: (data: z.output<S>) => Promise<Saved>;
  onSaved: (record: Saved) => void;
}) {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    ...options,
    initial: valuesOf(record),
    onSubmit: async (data) => {
      setSaved(false);
      const updated = await save(data);
      onSaved(updated);
      setSaved(true);
      return valuesOf(updated);
    },
  });
  return { form, saved };
}
