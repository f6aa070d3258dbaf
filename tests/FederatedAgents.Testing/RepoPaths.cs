namespace FederatedAgents.Testing;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederatedAgents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"FederatedAgents.sln not found above {AppContext.BaseDirectory}; run tests from inside the repository.");
    }
}
