using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace FederatedAgents.Authority.Protocol;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> POST body (RFC 6749 §3.2): parameters other than the
/// ones defined as repeatable (<c>resource</c>, <c>audience</c>) appear at most once, and empty values
/// count as absent.
/// </summary>
internal sealed class FormRequest
{
    private static readonly FormOptions s_limits = new() { ValueCountLimit = 64, ValueLengthLimit = 16 * 1024, KeyLengthLimit = 128 };

    private readonly IFormCollection _form;

    private FormRequest(IFormCollection form) => _form = form;

    public static async Task<FormRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            throw OAuthException.InvalidRequest("send a POST with Content-Type: application/x-www-form-urlencoded (RFC 6749 §3.2).");
        }

        try
        {
            var features = request.HttpContext.Features;
            features.Set<IFormFeature>(new FormFeature(request, s_limits));
            return new FormRequest(await request.ReadFormAsync(cancellationToken));
        }
        catch (InvalidDataException e)
        {
            throw OAuthException.InvalidRequest($"the form body cannot be read: {e.Message}");
        }
    }

    /// <summary>The one value of <paramref name="name"/>, or null; a repeated parameter is an error.</summary>
    public string? Get(string name)
    {
        var values = _form[name];
        return values.Count switch
        {
            0 => null,
            1 => string.IsNullOrEmpty(values[0]) ? null : values[0],
            _ => throw OAuthException.InvalidRequest($"the parameter '{name}' appears {values.Count} times; send it once (RFC 6749 §3.2)."),
        };
    }

    public string Require(string name, string why) =>
        Get(name) ?? throw OAuthException.InvalidRequest($"the parameter '{name}' is missing; {why}");

    /// <summary>Every non-empty value of a repeatable parameter.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        StringValues values = _form[name];
        return values.Count == 0 ? [] : [.. values.Where(v => !string.IsNullOrEmpty(v))!];
    }

    /// <summary>The space-delimited <c>scope</c>, split; null when absent.</summary>
    public IReadOnlyList<string>? Scopes()
    {
        var scope = Get("scope");
        return scope is null ? null : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
    }
}
