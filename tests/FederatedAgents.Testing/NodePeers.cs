namespace FederatedAgents.Testing;

/// <summary>
/// The independent node peers in <c>tests/interop</c> (jose, grpc-js, …): a guard that node and
/// the needed packages are installed, and a runner for the ES-module scripts kept there.
/// </summary>
public static class NodePeers
{
    public static string InteropDirectory => RepoPaths.Combine("tests", "interop");

    /// <summary>Skips locally (fails under CI) unless node is on PATH and every package is installed.</summary>
    public static void Require(params string[] packages)
    {
        Prerequisite.Require(Prerequisite.CommandExists("node"), "node", "Install Node.js 20 or later (Debian: `apt-get install nodejs npm`).");
        var missing = packages.Where(p => !Directory.Exists(Path.Combine(InteropDirectory, "node_modules", p))).ToList();
        Prerequisite.Require(
            missing.Count == 0,
            $"npm packages {string.Join(", ", missing)} in tests/interop",
            "Run `npm ci` in tests/interop.");
    }

    /// <summary>Runs <c>node &lt;script&gt;</c>, the script path relative to <c>tests/interop</c>, from that folder.</summary>
    public static Task<ChildProcessResult> RunScriptAsync(string script, IEnumerable<string>? arguments = null, string? standardInput = null, TimeSpan? timeout = null) =>
        ChildProcess.RunAsync("node", [script, .. arguments ?? []], standardInput, InteropDirectory, timeout: timeout);
}
