using MfaEmulator.Common.Warmup;

namespace MfaEmulator.Emulator;

internal static class LazyBranch
{
    /// <summary>
    /// Middleware for the paths under <paramref name="prefix"/> only, built on the first such request rather than at
    /// start-up. For Swagger UI: building it loaded three assemblies and read its embedded files before the emulator
    /// could answer its first API call, which most runs (tests, CI) never follow with a browser. Built ahead of that
    /// request once the emulator is idle (<see cref="DeferredBuilds"/>).
    /// </summary>
    public static IApplicationBuilder UseLazilyUnder(this IApplicationBuilder app, PathString prefix, Action<IApplicationBuilder> configure)
    {
        return app.Use(next =>
        {
            var branch = new Lazy<RequestDelegate>(() =>
            {
                var branchBuilder = app.New();
                configure(branchBuilder);
                branchBuilder.Run(next);
                return branchBuilder.Build();
            });
            app.ApplicationServices.GetRequiredService<DeferredBuilds>().Add(branch);
            return context => context.Request.Path.StartsWithSegments(prefix) ? branch.Value(context) : next(context);
        });
    }
}
