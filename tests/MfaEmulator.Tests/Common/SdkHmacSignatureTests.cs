using System.Text;
using MfaEmulator.Huawei.Auth;

namespace MfaEmulator.Tests.Common;

public sealed class SdkHmacSignatureTests
{
    private const string Date = "20060102T150405Z";

    [Fact]
    public void A_GET_matches_the_vector_of_the_Go_SDK_signer_test()
    {
        var request = new SignedRequest("GET", "/path", [new("limit", ["1"])], [("X-Sdk-Date", Date)],
            SdkHmacSignature.HexSha256([]), Date);

        Assert.Equal("5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", SdkHmacSignature.Compute(request, "SecretKey"));
    }

    [Fact]
    public void A_POST_hashes_the_body_bytes_as_sent()
    {
        var body = Encoding.UTF8.GetBytes("{\"Name\":\"test\",\"Id\":1}\n");
        var request = new SignedRequest("POST", "/path", [new("key", ["value"])], [("X-Sdk-Date", Date)],
            SdkHmacSignature.HexSha256(body), Date);

        Assert.Equal("cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59", SdkHmacSignature.Compute(request, "SecretKey"));
    }

    [Theory]
    [InlineData("SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", true)]
    [InlineData("SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=xyz", false)]
    [InlineData("SDK-HMAC-SHA256 Access=AK, Access=AK2, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", true)]
    [InlineData("SDK-HMAC-SHA256 SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", false)]
    [InlineData("Bearer abc", false)]
    public void The_authorization_header_is_parsed_only_when_well_formed(string header, bool wellFormed) =>
        Assert.Equal(wellFormed, SdkAuthorization.TryParse(header) is not null);
}
