// The part of the Zendesk App Framework SDK (lib/index.js, CommonJS, no types) the agent panel uses.
declare module "zendesk_app_framework_sdk" {
  type ZafClient = { get(path: string): Promise<Record<string, unknown>> };
  const ZAFClient: { init(): ZafClient | false };
  export default ZAFClient;
}
