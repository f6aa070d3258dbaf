using FederatedAgents.Authority.Configuration;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Outbound;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;
using static FederatedAgents.Gateway.Tests.Deploy.KubernetesManifests;

namespace FederatedAgents.Gateway.Tests.Deploy;

/// <summary>
/// deploy/k8s (one organization: authority and gateway Deployments, Services, Secrets, PostgreSQL, the organization
/// files in a ConfigMap) cannot be deployed here; these tests check the manifests against each other and against the
/// configuration readers the processes run.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Image = "federatedagents/cli:";

    private readonly KubernetesManifests _manifests = Load();

    public static TheoryData<string> Components => new() { "authority", "gateway" };

    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var kustomization = _manifests.Documents.Single(d => d.File == "kustomization.yaml").Document;
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");

        Assert.Equal(files.Order(StringComparer.Ordinal), Strings(kustomization, "resources").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Deployment_RunsTheCliWithItsOrganizationFileFromTheConfigMap(string component)
    {
        var (pod, container) = Container(component);
        var args = Strings(container, "args");

        Assert.StartsWith(Image, Text(container, "image"), StringComparison.Ordinal);
        Assert.Equal(["run", "--config"], args.Take(2));
        var (volume, key) = MountedFile(pod, container, args[2]);
        Assert.Equal("bank-organization", Text(volume, "configMap", "name"));
        Assert.Equal($"{component}.json", key);
        Assert.Equal(Text(Container("authority").Container, "image"), Text(Container("gateway").Container, "image"));
    }

    [Fact]
    public void AuthorityFile_BindsWithoutUnknownKeysAndUsesPostgres()
    {
        var configuration = _manifests.ConfigurationFile("bank-organization", "authority.json");

        Assert.Equal(["Authority", "Organization", "Storage"], configuration.GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
        var authority = configuration.GetSection(AuthorityOptions.SectionName).Get<AuthorityOptions>(o => o.ErrorOnUnknownConfiguration = true)!;
        configuration.GetSection(OrganizationOptions.SectionName).Get<OrganizationOptions>(o => o.ErrorOnUnknownConfiguration = true);
        Assert.Equal(StorageOptions.Postgres, configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>(o => o.ErrorOnUnknownConfiguration = true)!.Provider);
        Assert.Equal(new Uri(authority.Listen!).Port, ContainerPort(Container("authority").Container, "https"));
    }

    [Fact]
    public void GatewayFile_PassesTheGatewayValidationAndItsListenersAreTheContainerPorts()
    {
        var configuration = _manifests.ConfigurationFile("bank-organization", "gateway.json");
        var errors = new ConfigErrors();

        GatewayConfigReader.Read(configuration, "/", errors);
        var outbound = Record.Exception(() => OutboundConfigReader.Read(configuration, "/")) as GatewayConfigurationException;
        var gateway = WithMountedAuditKey(configuration);

        // Files come from the pod's secret volumes (checked by OrganizationFile_EveryFileItNamesIsAKeyOfASecretMountedAtItsFolder).
        Assert.All([.. errors.All, .. outbound?.Errors ?? []], e => Assert.Matches(@"^Gateway:\S+: '/etc/federatedagents/[^']+' does not exist;", e));
        Assert.Equal(["Gateway", "Organization", "Storage"], configuration.GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
        // run --config hosts the gateway alone here: it checks tokens with the keys of the authority's Deployment.
        var authority = _manifests.ConfigurationFile("bank-organization", "authority.json")[$"{AuthorityOptions.SectionName}:Issuer"];
        Assert.Equal(authority, gateway.Security?.Authority?.Issuer.OriginalString);
        var container = Container("gateway").Container;
        Assert.Equal(gateway.Listeners.Partner!.Url.Port, ContainerPort(container, "partners"));
        Assert.Equal(gateway.Listeners.Local!.Url.Port, ContainerPort(container, "local"));
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void OrganizationFile_EveryFileItNamesIsAKeyOfASecretMountedAtItsFolder(string component)
    {
        var (pod, container) = Container(component);
        var files = _manifests.ConfigurationFile("bank-organization", $"{component}.json").AsEnumerable()
            .Select(pair => pair.Value).OfType<string>().Where(v => v.StartsWith("/etc/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var (volume, key) = MountedFile(pod, container, file);
            var secret = Text(volume, "secret", "secretName") ?? throw new Xunit.Sdk.XunitException($"{file} is mounted from volume '{Text(volume, "name")}', not a Secret.");
            Assert.True(_manifests.SecretKeys(secret).Contains(key), $"{component}: {file} is read from Secret {secret}, which has no key '{key}'.");
        }
    }

    [Fact]
    public void SecretReferences_NameExistingSecretsAndKeys()
    {
        var references = _manifests.Documents.SelectMany(d => Descendants(d.Document))
            .Select(node => Node(node, "secretKeyRef")).OfType<YamlMappingNode>().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(Text(r, "key")!, _manifests.SecretKeys(Text(r, "name")!)));
        foreach (var component in Components)
        {
            var env = Items(Container(component).Container, "env").Select(e => Text(e, "name"));
            Assert.Contains("FA__Storage__ConnectionString", env);
        }
    }

    [Fact]
    public void Services_SelectTheirPodsAndTargetNamedContainerPorts()
    {
        foreach (var service in _manifests.OfKind("Service"))
        {
            var selector = Labels(service, "spec", "selector");
            var workload = _manifests.OfKind("Deployment").Concat(_manifests.OfKind("StatefulSet"))
                .Single(w => selector.All(s => Labels(w, "spec", "template", "metadata", "labels").GetValueOrDefault(s.Key) == s.Value));
            Assert.Equal(Labels(workload, "spec", "selector", "matchLabels"), selector);
            var ports = Items(workload, "spec", "template", "spec", "containers").SelectMany(c => Items(c, "ports")).Select(p => Text(p, "name")).ToList();
            Assert.All(Items(service, "spec", "ports"), p => Assert.Contains(Text(p, "targetPort"), ports));
        }
    }

    [Fact]
    public void ConnectionString_PointsAtThePostgresService()
    {
        var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = Text(Single("Secret", "bank-postgres"), "stringData", "connection-string") };
        var service = Single("Service", connection["Host"].ToString()!);

        Assert.Equal(connection["Port"].ToString(), Text(Items(service, "spec", "ports").Single(), "port"));
        Assert.Equal(Text(Single("StatefulSet", "bank-postgres"), "spec", "serviceName"), Text(service, "metadata", "name"));
    }

    [Theory]
    [InlineData("bank-authority", 2)]
    [InlineData("bank-gateway", 3)]
    public void Deployments_RunSeveralReplicas(string name, int replicas) =>
        Assert.Equal(replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(Single("Deployment", name), "spec", "replicas"));

    private YamlMappingNode Single(string kind, string name) => _manifests.Single(kind, name);

    /// <summary>The gateway file read as in its pod, where the audit key Secret is mounted (here: a stand-in file).</summary>
    private static GatewayConfig WithMountedAuditKey(IConfiguration configuration)
    {
        using var folder = new FederatedAgents.Testing.TemporaryFolder();
        var key = folder.Combine("audit-signing-key.pem");
        File.WriteAllText(key, "");
        var errors = new ConfigErrors();
        var mounted = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection([new("Gateway:Security:Audit:KeyFile", key)]).Build();
        return GatewayConfigReader.Read(mounted, "/", errors) ?? throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine, errors.All));
    }

    private (YamlMappingNode Pod, YamlMappingNode Container) Container(string component)
    {
        var pod = (YamlMappingNode)Node(Single("Deployment", $"bank-{component}"), "spec", "template", "spec")!;
        return (pod, Items(pod, "containers").Single());
    }

    /// <summary>The volume mounted at the file's folder, and the file's name (the key it must come from).</summary>
    private static (YamlMappingNode Volume, string Key) MountedFile(YamlMappingNode pod, YamlMappingNode container, string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        var mount = Items(container, "volumeMounts").SingleOrDefault(m => Text(m, "mountPath") == folder)
            ?? throw new Xunit.Sdk.XunitException($"{file}: nothing is mounted at {folder} in container '{Text(container, "name")}'.");
        var volume = Items(pod, "volumes").SingleOrDefault(v => Text(v, "name") == Text(mount, "name"))
            ?? throw new Xunit.Sdk.XunitException($"volumeMount '{Text(mount, "name")}' names no volume of the pod.");
        return (volume, Path.GetFileName(file));
    }

    private static int ContainerPort(YamlMappingNode container, string name) =>
        int.Parse(Text(Items(container, "ports").Single(p => Text(p, "name") == name), "containerPort")!, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode mapping => [mapping, .. mapping.Children.Values.SelectMany(Descendants)],
        YamlSequenceNode sequence => [sequence, .. sequence.Children.SelectMany(Descendants)],
        _ => [node],
    };
}
