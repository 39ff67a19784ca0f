export * from './agenda2030.ts';
