namespace FederatedAgents.Cli.Demo;

/// <summary>One thing the demo expects to happen, whether it did, and what was seen.</summary>
internal sealed record DemoOutcome(string Expectation, bool Happened, string Seen);
