using System.Text.Json;

namespace FederatedAgents.Tokens.Jose;

/// <summary>A compact JWS whose structure and header passed every rule; its signature is not yet verified.</summary>
internal sealed class ParsedJws
{
    public required JwsAlgorithm Algorithm { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The <c>typ</c> header as written, or null.</summary>
    public required string? Type { get; init; }

    public required JsonElement Payload { get; init; }

    public required byte[] Signature { get; init; }

    /// <summary>The token's first <see cref="SigningInputLength"/> characters are the JWS signing input.</summary>
    public required int SigningInputLength { get; init; }
}
