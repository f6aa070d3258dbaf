using System.CommandLine;

var root = new RootCommand("FederatedAgents: organizations' AI agents calling each other under OAuth-scoped, audited delegation chains.");
return await root.Parse(args).InvokeAsync();
