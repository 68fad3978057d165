namespace MfaEmulator.Common.Store;

internal static class EmulatorStoreExtensions
{
    /// <summary>Registers a store once, under its own type (for handlers) and as an <see cref="IEmulatorStore"/> (for the control routes).</summary>
    public static IServiceCollection AddEmulatorStore<TStore>(this IServiceCollection services) where TStore : class, IEmulatorStore
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<IEmulatorStore>(sp => sp.GetRequiredService<TStore>());
        return services;
    }
}
