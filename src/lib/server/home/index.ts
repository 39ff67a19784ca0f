export * from './home.ts';
export { membership, type Membership } from './members.ts';
