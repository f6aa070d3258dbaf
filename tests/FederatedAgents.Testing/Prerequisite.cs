namespace FederatedAgents.Testing;

/// <summary>
/// Guards tests that need something outside .NET (node, python3-grpcio, PostgreSQL).
/// Outside CI a missing prerequisite skips the test with the install hint; under CI=true it fails,
/// so a broken CI machine can never turn into a silently green run.
/// </summary>
public static class Prerequisite
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the test when <paramref name="available"/> is false: skip locally, fail under CI.</summary>
    public static void Require(bool available, string what, string howToGetIt)
    {
        if (available)
        {
            return;
        }

        var message = $"Missing prerequisite: {what}. {howToGetIt}";
        if (IsCi)
        {
            Assert.Fail(message + " (CI=true: a missing prerequisite fails the test instead of skipping it)");
        }

        Assert.Skip(message);
    }

    /// <summary>True when an executable of that name is on PATH (or the path exists).</summary>
    public static bool CommandExists(string command)
    {
        if (Path.IsPathRooted(command))
        {
            return File.Exists(command);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
    }
}
