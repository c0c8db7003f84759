// The gateway's view of the RPC client: one NATS request per HTTP request (ARCHITECTURE.md "Shape").
export type RpcPort = {
  send<Res>(
    subject: string,
    payload: unknown,
    options?: { headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<Res>;
};

export const RPC_CLIENT = Symbol('RPC_CLIENT');
