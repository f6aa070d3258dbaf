using FederatedAgents.Grpc.InteropServer;

return await InteropServerCommand.Create().Parse(args).InvokeAsync();
