using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Grpc.Tests.Protocol;

public class HttpStatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(431, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(200, StatusCode.Unknown)]
    [InlineData(500, StatusCode.Unknown)]
    public void ToStatusCode_HttpStatus_FollowsTheMappingTable(int httpStatus, StatusCode expected) =>
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode(httpStatus));
}
