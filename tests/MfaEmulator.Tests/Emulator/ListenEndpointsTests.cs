using MfaEmulator.Emulator;

namespace MfaEmulator.Tests.Emulator;

/// <summary>What --urls and --grpc-urls accept, and the one line that says why an address is refused.</summary>
public sealed class ListenEndpointsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1", 5080)]
    [InlineData("http://127.0.0.1:5080/", "127.0.0.1", 5080)]
    [InlineData("http://127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("http://[::1]:5081", "[::1]", 5081)]
    [InlineData("http://localhost:5082", "localhost", 5082)]
    public void An_http_address_with_a_port_is_accepted(string url, string host, int port)
    {
        var address = ListenEndpoints.Parse(url, "--urls");

        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("http://127.0.0.1", "--urls http://127.0.0.1: needs a port from 0 to 65535")]
    [InlineData("http://127.0.0.1/", "--urls http://127.0.0.1/: needs a port from 0 to 65535")]
    [InlineData("http://127.0.0.1:/", "--urls http://127.0.0.1:/: needs a port from 0 to 65535")]
    [InlineData("http://[::1]", "--urls http://[::1]: needs a port from 0 to 65535")]
    [InlineData("https://127.0.0.1:5080", "--urls https://127.0.0.1:5080: only http:// is served")]
    [InlineData("http://localhost:0", "--urls http://localhost:0: port 0 needs an IP address")]
    [InlineData("127.0.0.1:5080", "--urls 127.0.0.1:5080: not a URL like http://127.0.0.1:5080")]
    public void An_address_the_emulator_cannot_listen_on_is_refused_with_the_reason(string url, string expected)
    {
        var refusal = Assert.Throws<StartupException>(() => ListenEndpoints.Parse(url, "--urls"));

        Assert.StartsWith(expected, refusal.Message, StringComparison.Ordinal);
    }
}
