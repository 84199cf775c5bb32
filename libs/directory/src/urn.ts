/**
 * A school's Unique Reference Number, as the DfE's Get Information About Schools gives it: six
 * digits. One rule for every channel, so a URN an administrator may grant is one a school may lodge
 * with and search by.
 */
export const URN_PATTERN = /^\d{6}$/;

/** What every refusal of a URN says after the field's name. */
export const URN_RULE = 'must be a URN of six digits, like 119300';
