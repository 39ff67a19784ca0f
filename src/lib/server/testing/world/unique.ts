let counter = 0;

/** A short string no other call in this process returns: for slugs, names and e-mails. */
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
