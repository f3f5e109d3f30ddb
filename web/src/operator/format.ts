import { dateLocale } from '../pages/consultations/model';

export function formatDateTime(iso: string, language: string | undefined): string {
  return new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
