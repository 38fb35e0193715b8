import { cardText } from '../../src/bot/messageAction/cardText';
import { selectedMessageText } from '../../src/bot/messageAction/messageActionText';

/** The words of an alert that another tool posted as a card, read for the message action. */

const LIMIT = 10_000;

const ADAPTIVE_ALERT = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Automated investigation: remediation done' },
    {
      type: 'ColumnSet',
      columns: [{ type: 'Column', items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'LAPTOP-42 quarantined invoice.docx' }] }] }],
    },
    { type: 'FactSet', facts: [{ title: 'Severity', value: 'High' }] },
    { type: 'TextBlock', text: 'Shown only on newer clients', fallback: { type: 'TextBlock', text: 'Repeated for older clients' } },
    { type: 'Container', selectAction: { type: 'Action.OpenUrl', title: 'Open device', url: 'https://device.example/42' }, items: [] },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Mark as false positive', data: { verdict: 'fp' } },
    { type: 'Action.OpenUrl', title: 'Open in portal', url: 'https://security.microsoft.com/alerts/da1' },
  ],
};

describe('cardText', () => {
  it('reads text blocks, text runs and facts in order, and nothing of buttons, links or fallbacks', () => {
    expect(cardText(ADAPTIVE_ALERT, LIMIT)).toBe(
      'Automated investigation: remediation done LAPTOP-42 quarantined invoice.docx Severity High Shown only on newer clients',
    );
  });

  it('reads the card as Teams sends it, as a JSON string', () => {
    expect(cardText(JSON.stringify(ADAPTIVE_ALERT), LIMIT)).toBe(cardText(ADAPTIVE_ALERT, LIMIT));
  });

  it('reads an Office 365 connector card: title, text, section titles and facts, not its actions', () => {
    const connectorCard = {
      title: 'Alert: suspicious URL clicked',
      text: 'hxxp://bad[.]example was allowed',
      sections: [{ activityTitle: 'Microsoft Defender', activitySubtitle: 'Finance team', facts: [{ name: 'Verdict', value: 'should have been blocked' }] }],
      potentialAction: [{ '@type': 'OpenUri', name: 'Investigate', targets: [{ os: 'default', uri: 'https://portal.example/' }] }],
    };
    expect(cardText(connectorCard, LIMIT)).toBe('Alert: suspicious URL clicked hxxp://bad[.]example was allowed Microsoft Defender Finance team Verdict should have been blocked');
  });

  it.each([
    ['malformed JSON', '{"type": "AdaptiveCard", "body": ['],
    ['a number', 42],
    ['null', null],
    ['nothing', undefined],
    ['a JSON string that is not an object', '"just text"'],
  ])('gives no text for %s', (_name, content) => {
    expect(cardText(content, LIMIT)).toBe('');
  });

  it('stops at the length it is given', () => {
    const long = { type: 'AdaptiveCard', body: Array.from({ length: 100 }, (_, i) => ({ type: 'TextBlock', text: `line ${i} `.repeat(20) })) };
    expect(cardText(long, 500)).toHaveLength(500);
  });

  it('walks a card nested far deeper than the call stack allows without failing', () => {
    let nested: object = { type: 'TextBlock', text: 'deep' };
    for (let i = 0; i < 100_000; i++) nested = { type: 'Container', items: [nested] };
    expect(() => cardText(nested, LIMIT)).not.toThrow();
    expect(cardText(JSON.stringify({ items: [{ items: [{ text: 'shallow' }] }] }), LIMIT)).toBe('shallow');
  });
});

describe('selectedMessageText with attachments', () => {
  const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'from the card' }] } };

  it('reads the body, then every card, and skips files and other attachments', () => {
    const file = { contentType: 'reference', contentUrl: 'https://contoso.sharepoint.example/invoice.docx', name: 'invoice.docx' };
    expect(selectedMessageText({ body: { contentType: 'html', content: '<p>see below</p><attachment id="1"></attachment>' }, attachments: [file, card] })).toBe(
      'see below from the card',
    );
  });

  it('ignores attachments that are not a list or not attachments', () => {
    const body = { contentType: 'html' as const, content: '<p>only the body</p>' };
    expect(selectedMessageText({ body, attachments: { 0: card } as never })).toBe('only the body');
    expect(selectedMessageText({ body, attachments: [null, 'x', 7] as never })).toBe('only the body');
  });
});
