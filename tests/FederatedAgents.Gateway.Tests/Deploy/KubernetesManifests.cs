using FederatedAgents.Testing;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace FederatedAgents.Gateway.Tests.Deploy;

/// <summary>The documents of <c>deploy/k8s/*.yaml</c>, parsed, with lookups by kind and name.</summary>
internal sealed class KubernetesManifests
{
    public static readonly string Folder = RepoPaths.Combine("deploy", "k8s");

    private KubernetesManifests(IReadOnlyList<(string File, YamlMappingNode Document)> documents) => Documents = documents;

    public IReadOnlyList<(string File, YamlMappingNode Document)> Documents { get; }

    public static KubernetesManifests Load()
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            documents.AddRange(stream.Documents.Select(d => (Path.GetFileName(file), (YamlMappingNode)d.RootNode)));
        }

        return new KubernetesManifests(documents);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) =>
        Documents.Select(d => d.Document).Where(d => Text(d, "kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(d => Text(d, "metadata", "name") == name)
        ?? throw new Xunit.Sdk.XunitException($"deploy/k8s has no {kind} named '{name}'.");

    /// <summary>Every key of a Secret (stringData and data).</summary>
    public IReadOnlySet<string> SecretKeys(string name)
    {
        var secret = Single("Secret", name);
        return new[] { "stringData", "data" }
            .Select(section => Node(secret, section) as YamlMappingNode)
            .Where(section => section is not null)
            .SelectMany(section => section!.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A ConfigMap entry read as ASP.NET Core configuration (JSON), as <c>run --config</c> reads the file.</summary>
    public IConfigurationRoot ConfigurationFile(string configMap, string key)
    {
        var json = Text(Single("ConfigMap", configMap), "data", key)
            ?? throw new Xunit.Sdk.XunitException($"ConfigMap {configMap} has no key {key}.");
        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
    }

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlSequenceNode)?.Children.Cast<YamlMappingNode>() ?? [];

    public static IReadOnlyList<string> Strings(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlSequenceNode)?.Children.Select(c => ((YamlScalarNode)c).Value!).ToList() ?? [];

    /// <summary>A mapping's entries as text (labels, selectors).</summary>
    public static IReadOnlyDictionary<string, string> Labels(YamlNode node, params string[] path) =>
        (Node(node, path) as YamlMappingNode)?.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!)
        ?? new Dictionary<string, string>();
}
