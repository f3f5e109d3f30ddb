import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type * as z from 'zod';
import { fieldErrorsFromIssues } from '../../../common/errors';
import { ApiError } from '../api/client';
import type { FieldProblem, FieldProblems } from './fieldProblems';

type Values = Record<string, string | boolean>;

export interface FormOptions<V extends Values, S extends z.ZodType> {
  initial: V;
  /** The shared schema the server validates with. */
  schema: S;
  /** Turns the form's values into the schema's input (e.g. adds the locale). */
  toInput: (values: V) => z.input<S>;
  /** Checks the schema only makes once every field is valid (e.g. postal code by country). */
  extraChecks?: (values: V) => FieldProblems;
  /** Sends the data; may return the values the form shows afterwards (e.g. cleared passwords). */
  onSubmit: (data: z.output<S>, values: V) => Promise<V | void>;
  /** Handles a failed request; return true when it was dealt with, otherwise a form-level message shows. */
  onError?: (error: unknown, values: V) => boolean | void;
}

export interface FieldBinding {
  name: string;
  value: string;
  checked: boolean;
  problem: FieldProblem | undefined;
  onChange: (value: string | boolean) => void;
  onBlur: () => void;
}

export function useForm<V extends Values, S extends z.ZodType>(options: FormOptions<V, S>) {
  const [values, setValues] = useState<V>(options.initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [checkFields, setCheckFields] = useState(false);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ name: string } | undefined>(undefined);
  const touched = useRef(new Set<string>());
  /** Values the server refused: their problem stays until the value changes. */
  const refusedValues = useRef(new Map<string, string | boolean | undefined>());
  const formRef = useRef<HTMLFormElement>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const validate = useCallback((current: V): { problems: FieldProblems; data?: z.output<S> } => {
    const { schema, toInput, extraChecks } = optionsRef.current;
    const input = toInput(current);
    const result = schema.safeParse(input);
    const found: FieldProblems = { ...(extraChecks?.(current) ?? {}) };
    if (result.success) return Object.keys(found).length ? { problems: found } : { problems: {}, data: result.data };
    Object.assign(found, fieldErrorsFromIssues(result.error.issues, input));
    return { problems: found };
  }, []);

  const revalidateField = useCallback(
    (name: string, current: V) => {
      const problem = validate(current).problems[name];
      const refused = refusedValues.current.has(name) && refusedValues.current.get(name) === current[name];
      if (!refused) refusedValues.current.delete(name);
      setProblems((previous) => {
        const next = { ...previous };
        if (problem) next[name] = problem;
        else if (!refused) delete next[name];
        return next;
      });
    },
    [validate],
  );

  // Focus the first field with a problem once it is rendered with its message.
  useEffect(() => {
    if (!focusRequest) return;
    const element = formRef.current?.elements.namedItem(focusRequest.name);
    if (element instanceof HTMLElement) element.focus();
  }, [focusRequest]);

  function showProblems(found: FieldProblems): void {
    setProblems(found);
    const form = formRef.current;
    const order = form ? Array.from(form.elements).map((element) => element.getAttribute('name')) : [];
    const first = order.find((name) => name && found[name]) ?? Object.keys(found)[0];
    if (first) setFocusRequest({ name: first });
  }

  function field(name: keyof V & string): FieldBinding {
    const value = values[name];
    return {
      name,
      value: typeof value === 'string' ? value : '',
      checked: value === true,
      problem: problems[name],
      onChange: (next) => {
        const updated = { ...values, [name]: next } as V;
        setValues(updated);
        // Once a field showed a problem, tell as soon as it is fixed.
        if (problems[name] || typeof next === 'boolean') revalidateField(name, updated);
      },
      onBlur: () => {
        const value = values[name];
        // Checkboxes are checked on change; an empty field only once it was filled in before.
        if (typeof value === 'boolean' || (value === '' && !touched.current.has(name))) return;
        touched.current.add(name);
        revalidateField(name, values);
      },
    };
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    setCheckFields(false);
    for (const name of Object.keys(values)) touched.current.add(name);
    const { problems: found, data } = validate(values);
    if (data === undefined) {
      setCheckFields(true);
      showProblems(found);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const next = await optionsRef.current.onSubmit(data, values);
      if (next) {
        setValues(next);
        touched.current.clear();
        refusedValues.current.clear();
      }
    } catch (error) {
      if (optionsRef.current.onError?.(error, values)) return;
      const fields: FieldProblems = error instanceof ApiError ? { ...error.fields } : {};
      // The server names the password field it checked (currentPassword, or password on a confirmation).
      if (error instanceof ApiError && error.code === 'wrong_password') {
        for (const name of new Set([...Object.keys(fields), 'currentPassword'])) fields[name] = { code: 'wrong_password' };
      }
      const known = Object.fromEntries(Object.entries(fields).filter(([name]) => name in values));
      if (Object.keys(known).length > 0) {
        for (const name of Object.keys(known)) refusedValues.current.set(name, values[name]);
        setCheckFields(true);
        showProblems(known);
      }
      if (Object.keys(known).length === 0 || Object.keys(known).length < Object.keys(fields).length) setFormError(error);
    } finally {
      setBusy(false);
    }
  }

  return {
    values,
    setValues,
    problems,
    setProblems: showProblems,
    formError,
    setFormError,
    /** True when the form-level region should say "please check the marked fields". */
    checkFields,
    busy,
    field,
    formRef,
    handleSubmit: (event: FormEvent<HTMLFormElement>) => void handleSubmit(event),
  };
}
