using System.Text;
using MfaEmulator.Common.Totp;
using OtpHashMode = OtpNet.OtpHashMode;

namespace MfaEmulator.Tests.Common;

public sealed class TotpTests
{
    private static readonly byte[] Rfc4226Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Codes_of_a_step_are_HOTP_and_match_the_RFC_4226_Appendix_D_test_values(long counter, string expected) =>
        Assert.Equal(expected, Totp.CodeForStep(Rfc4226Secret, counter));

    [Theory]
    [InlineData(59, "94287082", "46119246", "90693936")]
    [InlineData(1111111109, "07081804", "68084774", "25091201")]
    [InlineData(1111111111, "14050471", "67062674", "99943326")]
    [InlineData(1234567890, "89005924", "91819424", "93441116")]
    [InlineData(2000000000, "69279037", "90698825", "38618901")]
    [InlineData(20000000000, "65353130", "77737706", "47863826")]
    public void Totp_matches_the_RFC_6238_Appendix_B_test_vectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(sha1, Totp.CodeAt(Encoding.ASCII.GetBytes("12345678901234567890"), time, 8, OtpHashMode.Sha1));
        Assert.Equal(sha256, Totp.CodeAt(Encoding.ASCII.GetBytes("12345678901234567890123456789012"), time, 8, OtpHashMode.Sha256));
        Assert.Equal(sha512, Totp.CodeAt(Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234"), time, 8, OtpHashMode.Sha512));
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits_of_the_truncated_value() =>
        Assert.Equal("287082", Totp.CodeAt(Rfc4226Secret, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_encodes_the_RFC_4648_test_vectors_without_padding(string text, string expected)
    {
        Assert.Equal(expected, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(expected)!));
    }

    [Fact]
    public void Base32_decoding_ignores_case_padding_and_spaces_but_refuses_other_characters()
    {
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode("mzxw 6ytb oi======")!));
        Assert.Null(Base32.Decode("MZXW1"));
    }

    [Fact]
    public void Generated_seeds_are_160_bit_base32_and_differ()
    {
        var random = new MfaEmulator.Common.Randomness.CryptoRandomSource();

        var first = Base32.Encode(SeedGenerator.NewSecret(random));
        var second = Base32.Encode(SeedGenerator.NewSecret(random));

        Assert.Equal(32, first.Length);
        Assert.Equal(20, Base32.Decode(first)!.Length);
        Assert.NotEqual(first, second);
    }
}
