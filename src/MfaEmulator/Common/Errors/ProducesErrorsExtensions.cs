namespace MfaEmulator.Common.Errors;

internal static class ProducesErrorsExtensions
{
    /// <summary>Documents each error status a route can answer, all in the family's envelope.</summary>
    public static RouteHandlerBuilder ProducesErrors<TEnvelope>(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<TEnvelope>(status, "application/json");
        }
        return builder;
    }
}
