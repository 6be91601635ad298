using HelpdeskBot.Knowledge.Answers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpdeskBot.Ai;

public static class AiExtensions
{
    /// <summary>
    /// Generated answers, when the <c>Ai</c> section names an endpoint: the chat client, the composer that uses it (a
    /// Semantic Kernel function) and the help desk's plugins it may call. Without one, none is registered and answers
    /// stay extractive.
    /// </summary>
    public static IHostApplicationBuilder AddAi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() is not { IsEnabled: true })
        {
            return builder;
        }

        services.AddOptions<GroundedAnswerOptions>().Configure<IOptions<AiOptions>>((answers, ai) =>
        {
            answers.Timeout = ai.Value.Timeout;
            answers.MaxSections = ai.Value.MaxSections;
            answers.ModelCanDecline = ai.Value.ModelCanDecline;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChatClient>(sp => AiChatClient.Create(sp.GetRequiredService<IOptions<AiOptions>>().Value));
        services.AddScoped<GroundedAnswers>();
        services.AddScoped<ChatTools>();
        return builder;
    }
}
