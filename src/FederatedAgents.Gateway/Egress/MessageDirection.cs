namespace FederatedAgents.Gateway.Egress;

/// <summary>Which of a method's message types a filter is for.</summary>
internal enum MessageDirection
{
    /// <summary>The method's input type: requests a gateway sends to a partner organization.</summary>
    Request,

    /// <summary>The method's output type: responses a gateway returns to a partner's caller.</summary>
    Response,
}
