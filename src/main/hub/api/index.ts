// The hub's API for the firm's desktops: `startHubApi(ctx)` is what `rowcol hub` calls (hub-contract.md).
export { startHubApi, type HubApi, type HubApiContext } from './server.ts';
