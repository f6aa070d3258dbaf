namespace FederatedAgents.Gateway.Routing;

/// <summary>The request path of a gRPC call: <c>/package.Service/Method</c>, case-sensitive.</summary>
internal static class GrpcPath
{
    /// <summary>The service part of a well-formed path (one leading slash, a non-empty service and method, no other slash).</summary>
    public static bool TryGetService(string path, out ReadOnlySpan<char> service)
    {
        service = default;
        var slash = path.LastIndexOf('/');
        if (path.Length < 4 || path[0] != '/' || slash <= 1 || slash == path.Length - 1 || path.AsSpan(1, slash - 1).Contains('/'))
        {
            return false;
        }

        service = path.AsSpan(1, slash - 1);
        return true;
    }
}
