/**
 * Common English words for the `reverse-words` task: short, lowercase a–z, so sentences up
 * to ~20 characters hold several words. Shipped as data so the task needs no download.
 */
export const ENGLISH_WORDS: readonly string[] = [
  ...new Set(
    `
a i an as at be by do go he if in is it me my no of oh on or so to up us we
the cat sat mat dog ran sun hat red big old new and but for not you all any can had
her was one our out day get has him his how man now see two way who boy did its let
put say she too use bed box bus car cup egg end eye fox fun got hot job key leg lot
map net pen pig pot rat row sea sky tea ten top toy van web yes zoo arm art bag bat
bee bit bow cow cry cut dry ear eat fan fat fit fly gap gum hen hop ice ink jam jar
kid kit lip log mad mix mud nap nut owl pan paw pay pie pin rag rib rug sad saw sip
six sob sum tin tip tub wet win wig yak zip able also back ball band bank barn bear
beat bell bird blue boat body bone book bowl cake calm came card care cold come cook
cool corn dark dear deep desk door down draw drop duck dust each east easy face fact
fall farm fast fear feet fill find fire fish five flag food foot form four frog full
game gate gift girl give glad goat gold good gray grow hair half hand hard head hear
heat help here high hill hold home hope horn idea into jump just keep kind king kite
lake lamp land last late leaf left life like line lion list live long look lost love
made mail make many milk mind moon more most move much name near nest next nice nine
nose note open over page park part play pond pull push rain read rest ride ring road
rock roof room rope rose safe sail salt same sand seed ship shoe shop show side sing
slow snow soft song soup star stay step stop tail take talk tall tent than that them
then they this time tree true turn walk wall want warm wash wave week well west what
when wide wind wing wish wolf wood word work yard year about after again apple beach
bread chair clean clock cloud dance dream drink earth field fruit glass grass green
happy heart horse house light lunch money mouse music night ocean paper party plant
quiet river round sheep shirt small smile snake sound spoon storm story sweet table
teeth thing three tiger train water whale white world write young
`
      .split(/\s+/)
      .filter((w) => w.length > 0),
  ),
];
