using System.Globalization;
using System.Text;

namespace MfaEmulator.Huawei.IamV5;

/// <summary>
/// The opaque <c>marker</c> of ListMfaDevicesV5: the creation sequence of the last device returned. Devices
/// are listed in creation order, so devices added while a client pages appear on later pages and every
/// device is returned exactly once.
/// </summary>
internal static class PageMarker
{
    private const string Prefix = "mfa:";

    public static string Encode(long sequence) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    public static long? Decode(string marker)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(marker));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && sequence > 0
                    ? sequence
                    : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
