using System.Text.Json.Nodes;

namespace FederatedAgents.Gateway.Tests;

/// <summary>Gateway sections for tests, built as the organization file would hold them.</summary>
internal static class GatewayJson
{
    public const string EchoService = "federatedagents.testing.Echo";

    /// <summary>A local listener on a free loopback port and the given agents.</summary>
    public static JsonObject Local(params JsonObject[] agents) => new()
    {
        ["Listeners"] = new JsonObject { ["Local"] = new JsonObject { ["Url"] = "http://127.0.0.1:0" } },
        ["Agents"] = new JsonArray([.. agents]),
    };

    /// <summary>An agent serving the Echo test service at <paramref name="endpoints"/>.</summary>
    public static JsonObject Agent(string name, params Uri[] endpoints) => new()
    {
        ["Name"] = name,
        ["Endpoints"] = Strings(endpoints.Select(e => e.ToString())),
        ["Services"] = Strings([EchoService]),
    };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
