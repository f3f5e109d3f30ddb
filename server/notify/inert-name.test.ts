import { describe, expect, it } from 'vitest';
import { renderMail } from './mail-templates';
import { invitationMail, invitationSms, memberInvitationMail } from './invitation-messages';
import { inertName } from './inert-name';
import { organizationDeletedMail } from './privacy-messages';
import { renderTicketReply } from '../support/mail';

const hostile = 'Login unter https://evil.example/login';
/** What mail clients and SMS apps linkify: a scheme, a www., or a dotted domain. */
const linkLike = /https?:|www\.|[a-z0-9-]+\.[a-z]{2,}/i;

describe('names people typed never become links in messages the platform signs (issue 16)', () => {
  it('keeps the name readable while taking away what makes it an address', () => {
    expect(inertName(hostile)).not.toMatch(linkLike);
    expect(inertName('Dr. Weiß')).toBe('Dr\u2024 Weiß');
    expect(inertName('Jürgen Groß')).toBe('Jürgen Groß');
  });

  it('puts no typed name into a subject, and none of them links in text, HTML or SMS', () => {
    const facts = {
      locale: 'de' as const,
      hostName: hostile,
      guestName: 'www.evil.example',
      validFrom: new Date(),
      validUntil: new Date(Date.now() + 3_600_000),
      link: 'https://video.example.org/join#token',
    };
    const messages = [
      invitationMail('guest@example.org', facts),
      invitationMail('guest@example.org', { ...facts, locale: 'en' }),
      memberInvitationMail('new@example.org', {
        locale: 'de',
        organizationName: 'evil.example',
        inviterName: hostile,
        role: 'member',
        link: 'https://video.example.org/accept#t',
      }),
      renderMail('confirmRegistration', { to: 'a@example.org', locale: 'en', recipientName: hostile, link: 'https://video.example.org/confirm#t' }),
      organizationDeletedMail('a@example.org', 'de', hostile, 'evil.example'),
    ];
    for (const message of messages) {
      expect(message.subject).not.toMatch(/evil|Login/);
      // The only link left is the platform's own.
      const text = message.text.replaceAll(/https:\/\/video\.example\.org\/\S+/g, '');
      expect(text).not.toMatch(linkLike);
      expect(message.html.replaceAll(/https:\/\/video\.example\.org\/[^"<]+/g, '')).not.toMatch(linkLike);
      expect(message.text).toMatch(/evil\u2024example/);
    }
    const sms = invitationSms('+491712345678', facts);
    expect(sms.text.replace(facts.link, '')).not.toMatch(linkLike);
  });

  it('greets a support requester with an inert name', () => {
    const answer = renderTicketReply({
      to: 'a@example.org',
      locale: 'en',
      requesterName: hostile,
      subject: 'Help',
      originalMessage: 'q',
      answer: 'Hello',
      signature: 'Team',
    });
    expect(answer.text.split('\n')[0]).not.toMatch(linkLike);
  });
});
