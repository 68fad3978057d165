using Microsoft.AspNetCore.WebUtilities;

namespace MfaEmulator.Common.Errors;

internal static class HttpReasons
{
    public static string For(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
