using FederatedAgents.Cli;

return await CliApplication.RunAsync(args, CliContext.FromConsole());
