export * as themes from './themes.ts';
export * as participants from './participants.ts';
export * as applications from './applications.ts';
export * as interest from './interest.ts';
export * as form from './form.ts';
