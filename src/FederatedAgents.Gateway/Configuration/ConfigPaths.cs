namespace FederatedAgents.Gateway.Configuration;

/// <summary>Resolves file settings: relative paths are taken from the host's content root, as ASP.NET Core does.</summary>
internal sealed class ConfigPaths(string baseDirectory)
{
    public string Resolve(string path) => path.Length == 0 ? path : Path.GetFullPath(path, baseDirectory);

    public string? ResolveOptional(string? path) => path is null ? null : Resolve(path);
}
