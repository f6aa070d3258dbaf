using System.CommandLine;
using FederatedAgents.Grpc.Bench;

var root = new RootCommand("Echo servers and a client for tests/bench/grpc-stack.sh.")
{
    ServeCommand.Create(),
    ClientCommand.Create(),
    BodyCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
