import { isTemplateName, outboxTemplate, type TemplateName, TemplatePropsError } from '@lodestone/email-templates';

/**
 * What every writer of email outbox rows (EmailDelivery) passes its rows through: the props are checked against the
 * template's shape where the row is written (a bad row is refused in the producer's transaction, not found at send
 * time), and the row is stamped with the template's current props version (`templateVersion`), so that a row still
 * pending after an upgrade of Lodestone is brought to the new version when it is sent (storedProps in
 * packages/email-templates) or fails with the reason.
 *
 * @param row - any row with `template` (a template name) and `payload` (its props, JSON-serialisable).
 * @returns a copy of the row with `templateVersion`.
 * @throws TemplatePropsError naming the template and the field when the template is unknown or a prop is missing
 *   or of the wrong type.
 */
export function emailRow<R extends { template: string; payload: unknown }>(row: R): R & { templateVersion: number } {
  return { ...row, templateVersion: emailTemplateVersion(row) };
}

/**
 * {@link emailRow}'s check, returning only the version to stamp (for writers that pass columns, not row objects).
 * @throws TemplatePropsError as {@link emailRow}.
 */
export function emailTemplateVersion(row: { template: string; payload: unknown }): number {
  if (!isTemplateName(row.template))
    throw new TemplatePropsError(`unknown email template ${JSON.stringify(row.template)}`);
  return outboxTemplate(row.template as TemplateName, row.payload as never).templateVersion;
}
