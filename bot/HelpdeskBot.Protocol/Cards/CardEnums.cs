namespace HelpdeskBot.Protocol.Cards;

public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

public enum TextWeight { Default, Lighter, Bolder }

public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

public enum HorizontalAlignment { Left, Center, Right }

public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

public enum ActionStyle { Default, Positive, Destructive }

public enum ImageSize { Auto, Stretch, Small, Medium, Large }

public enum ChoiceInputStyle { Compact, Expanded, Filtered }

public enum TextInputStyle { Text, Tel, Url, Email, Password }
