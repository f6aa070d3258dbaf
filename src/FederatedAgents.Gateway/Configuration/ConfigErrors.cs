namespace FederatedAgents.Gateway.Configuration;

/// <summary>Every problem found in one read of the configuration, each as "key: what is wrong; how to fix it".</summary>
internal sealed class ConfigErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string key, string problemAndFix) => _errors.Add($"{key}: {problemAndFix}");
}
