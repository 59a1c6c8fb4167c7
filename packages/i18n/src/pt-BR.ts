import type { MessageKey } from './en.ts';
import { verifyMessagesPtBR } from './verify-messages.ts';

// Português do Brasil. The type makes a missing key a compile error.
export const ptBR: Readonly<Record<MessageKey, string>> = {
  ...verifyMessagesPtBR,
  'app.name': 'Plenum',
  'app.tagline': 'Democracia interna que ninguém pode fraudar',
  'language.label': 'Idioma',
  'language.en': 'English',
  'language.pt-BR': 'Português (Brasil)',
  'nav.overview': 'Visão geral',
  'nav.record': 'Registro',
  'nav.skip': 'Pular para o conteúdo',
  'status.loading': 'Carregando…',
  'status.error': 'Não foi possível carregar a organização: {reason}',
  'status.live': 'Ao vivo',
  'status.offline': 'Desconectado',
  'status.unreachable': 'o servidor não pode ser alcançado',
  'status.unexpected': 'o servidor enviou uma resposta inesperada (HTTP {status})',
  'members.error': 'Não foi possível carregar os membros: {reason}',
  'member.since': 'membro desde {date}',
  'overview.heading': 'Visão geral da organização',
  'overview.members': '{count, plural, one {# membro} other {# membros}}',
  'overview.units': '{count, plural, one {# unidade} other {# unidades}}',
  'overview.structure': 'Estrutura',
  'overview.statute': '{title}, versão {version}',
  'overview.notFounded': 'A organização ainda não foi fundada.',
  'overview.bodies': 'Órgãos',
  'overview.noBodies': 'Nenhum órgão foi constituído ainda.',
  'overview.record': 'O registro contém {count, plural, one {# evento} other {# eventos}}.',
  'body.scope': 'de {unit}',
  'record.heading': 'Registro público',
  'record.intro':
    'Cada evento é uma folha de um log que só aceita acréscimos e cujos checkpoints são assinados, para que qualquer pessoa possa verificar que nenhum evento foi reescrito, removido ou ocultado.',
  'record.error': 'Não foi possível carregar o registro público: {reason}',
  'record.log': 'Log assinado',
  'record.unsigned': 'Este servidor não assina o seu registro; por isso, ele ainda não pode ser verificado de fora.',
  'record.origin': 'Origem',
  'record.verifierKey': 'Chave de verificação',
  'record.checkpoint': 'Último checkpoint',
  'record.size': '{count, plural, one {# evento} other {# eventos}}',
  'record.empty': 'Nenhum evento registrado ainda',
  'record.noCheckpoint': 'Nenhum checkpoint assinado ainda',
  'record.rootHash': 'Hash raiz',
  'record.copy': 'Copiar chave',
  'record.copied': 'Copiada',
  'record.copyFailed': 'Não foi possível copiar: selecione a chave e copie-a manualmente',
  'record.witnesses': 'Testemunhas',
  'record.noWitnesses': 'Nenhuma testemunha cossinou o registro ainda.',
  'record.witnessExplained':
    'Uma testemunha é qualquer um — um membro, uma seção, um observador externo — que executa {command} para verificar que o registro nunca se bifurca e para cossinar cada checkpoint que verificou.',
  'record.witnessCommand': "plenum witness '<url>'",
  'record.witnessKey': 'Chave',
  'record.cosignedSize': 'Último checkpoint cossinado',
  'record.cosignedAt': 'Cossinado em',
  'record.upToDate': 'Em dia: cossinou o último checkpoint',
  'record.behind': 'Atrasada: {count, plural, one {falta # evento} other {faltam # eventos}} para o último checkpoint',
  'error.invalidId': '{label}: identificador inválido',
  'error.invalidInput': 'Pedido inválido: {detail}',
  'error.notFound': 'Não encontrado: {what}',
  'error.internal': 'Algo deu errado no servidor. O operador pode encontrá-lo no log como {requestId}.',
  'error.notInitialised':
    'O diretório de dados {dir} ainda não contém uma organização do Plenum. Execute “plenum init” ou “plenum demo” primeiro.',
  'error.dataDirNotDirectory': 'O diretório de dados {dir} não é um diretório.',
  'error.dataDirUnwritable': 'Não é possível gravar no diretório de dados {dir} ({reason}).',
  'error.databaseCorrupt':
    'O banco de dados {file} não é um banco do Plenum legível ({reason}). Nada foi alterado; mova o arquivo ou escolha outro diretório de dados.',
  'error.databaseUnreachable':
    'O Plenum não consegue acessar o banco de dados {file} ({reason}). Nada foi alterado; verifique se o servidor está rodando e se o endereço está certo.',
  'error.recordMoved':
    'O registro cresceu enquanto este comando era decidido, repetidamente ({size} eventos, não {expected}). Nada foi gravado; tente de novo.',
  'error.databaseTooNew':
    'O banco de dados {file} foi gravado por um Plenum mais novo (esquema {found}; esta versão conhece até {known}). Nada foi alterado.',
  'error.alreadyInitialised': 'O diretório de dados {dir} já contém a organização “{name}”. Nada foi alterado.',
  'cli.command.statuteCheck': 'verifica um estatuto (YAML): cada problema com sua linha, ou o que ele estabelece',
  'cli.command.statuteExample':
    'mostra um estatuto de exemplo para começar: demo (tendências sempre) ou 1921 (só antes de um congresso)',
  'cli.command.membersImport':
    'admite todos os membros de uma exportação CSV num único ato do registro, ou nenhum (todos os problemas listados)',
  'cli.option.statute': 'o estatuto que os fundadores adotam (init; padrão: o da federação de demonstração)',
  'cli.option.by': 'quem admite (members import): os fundadores (lista de fundação) ou o órgão competente',
  'cli.option.key': 'o arquivo da chave de assinatura do órgão que age (members import)',
  'cli.option.vote': 'a contagem dos escrutinadores: sim,não,abstenção,presentes (members import)',
  'cli.option.on': 'o dia do ato (members import; padrão: hoje)',
  'cli.command.membersCheck':
    'verifica uma exportação de membros (CSV) antes de importá-la: cada linha recusada com o motivo',
  'cli.option.dateOrder':
    'como ler datas como 03/04/2020 numa exportação de membros (members check; padrão: pelo arquivo)',
  'statute.error.usage': "plenum: uso: plenum statute check '<arquivo>' | plenum statute example demo|1921",
  'statute.example.unknown': 'plenum: não há estatuto de exemplo “{name}”. Exemplos: {names}.',
  'statute.check.ok':
    '{file}: um estatuto válido — “{title}”, versão {version}; unidades {levels}; {bodies, plural, one {# órgão} other {# órgãos}}.',
  'statute.check.refused':
    '{file}: recusado, {count, plural, one {# problema} other {# problemas}}; nada foi registrado.',
  'members.import.error.by': "plenum: --by deve ser founders ou body:'<id>', não “{value}”.",
  'members.import.error.on': 'plenum: --on deve ser um dia escrito AAAA-MM-DD, não “{value}”.',
  'members.import.error.vote':
    'plenum: um órgão admite pelo voto que os escrutinadores contaram: --vote sim,não,abstenção,presentes (quatro números inteiros), não “{value}”.',
  'members.import.error.foundersVote': 'plenum: os fundadores registram a lista de fundação sem votação: omita --vote.',
  'members.import.error.key': 'plenum: um órgão assina com a sua própria chave: indique o arquivo da chave com --key.',
  'members.import.error.keyFile': 'plenum: {file} não é uma chave de assinatura: {reason}',
  'members.import.error.noStatute':
    'A organização ainda não tem estatuto: os fundadores adotam um primeiro (plenum init).',
  'members.import.refused':
    '{file}: nada foi importado — {rejected, plural, one {# linha foi recusada} other {# linhas foram recusadas}} (listadas acima). Corrija o arquivo e importe-o de novo.',
  'members.import.notRecorded': '{file}: nada foi importado.',
  'members.import.done':
    '{file}: {members, plural, one {# membro admitido} other {# membros admitidos}} num único ato do registro (eventos {first}–{last}).',
  'import.members.row.backdated':
    'Linha {line}, coluna “{column}”: {value} — um órgão admite a partir da sua decisão ({on}); só a lista de fundação mantém datas anteriores (Plenum governance.founding-roll).',
  'members.error.usage':
    "plenum: uso: plenum members check '<arquivo.csv>' [--date-order dmy|mdy|ymd] | plenum members import '<arquivo.csv>' --by founders|body:'<id>' [--key '<arquivo>'] [--vote sim,não,abstenção,presentes] [--on AAAA-MM-DD] [--data-dir '<pasta>']",
  'members.error.dateOrder': 'plenum: --date-order deve ser dmy, mdy ou ymd, não “{value}”.',
  'members.check.summary':
    '{file}: {rows, plural, one {# linha lida} other {# linhas lidas}}, {rejected, plural, one {# linha recusada} other {# linhas recusadas}} (separador “{separator}”, datas {dateOrder}).',
  'check.error.missing': 'plenum: o arquivo {file} não existe.',
  'check.error.read': 'plenum: não foi possível ler {file} ({reason}).',
  'check.error.tooLarge': 'plenum: {file} tem mais de {max} bytes; não foi lido.',
  'statute.tooLong': 'O estatuto tem mais de {max} caracteres.',
  'statute.yaml': 'O estatuto não é YAML válido: {detail}',
  'statute.plainYaml': 'Um estatuto só pode ter mapas, listas e valores simples (sem âncoras nem etiquetas).',
  'statute.schema': 'Este valor não é o que o formato do estatuto espera aqui: {detail}',
  'statute.unknownBody': 'Não há órgão “{name}” entre os órgãos do estatuto.',
  'statute.unknownMajority': 'Não há maioria “{name}” entre as maiorias do estatuto.',
  'statute.unknownLevel': 'Não há nível de unidade “{name}” em units.levels.',
  'statute.duplicateLevel': 'Um nível de unidade aparece duas vezes em units.levels.',
  'statute.majorityFraction': 'A maioria “{name}” precisa de uma fração se, e somente se, for qualificada.',
  'statute.simpleBase': 'A maioria simples “{name}” só pode ser dos votos dados.',
  'statute.abstentionsBase': 'A maioria “{name}” é dos membros ou dos presentes, então as abstenções contam.',
  'statute.electedBody':
    'O órgão “{name}”: um órgão eleito precisa de elected-by, seats e term-months, e só um órgão eleito os tem ou tem limite de mandatos.',
  'statute.memberBodyLevel':
    'O órgão “{name}” decide sobre membros, então deve pertencer ao nível a que os membros pertencem ({level}).',
  'statute.amendmentByCongress': 'Só um congresso (um órgão de delegados) pode emendar o estatuto, não “{name}”.',
  'statute.congressBody': 'O congresso tem de ser um órgão de delegados, não “{name}”.',
  'statute.delegatesElectedBy':
    'Os delegados são eleitos por uma assembleia de todos os membros de uma unidade, não por “{name}”.',
  'refusal.governance.operator':
    'Recusado — {rule}: o operador do servidor não tem poder na organização: só membros e órgãos agem.',
  'refusal.governance.date': 'Recusado — {rule}: “{date}” não é uma data do calendário (AAAA-MM-DD).',
  'refusal.governance.dateOrder':
    'Recusado — {rule}: o ato tem data de {date}, anterior ao último ato registrado ({last}).',
  'refusal.governance.foundersDone':
    'Recusado — {rule}: os fundadores só agiram até a formação do congresso; agora os atos são de membros e órgãos.',
  'refusal.governance.notAMember': 'Recusado — {rule}: {actor} não é membro da organização nesse dia.',
  'refusal.governance.unknownBody': 'Recusado — {rule}: não existe o órgão {id}.',
  'refusal.governance.applicantOnly':
    'Recusado — {rule}: quem se candidata só pode pedir filiação, em seu próprio nome.',
  'refusal.governance.notAllowed': 'Recusado — {rule}: {who} não é quem esta cláusula autoriza a fazer isto.',
  'refusal.governance.statuteAdopted':
    'Recusado — {rule}: o estatuto fundador já foi adotado; só um congresso pode emendá-lo.',
  'refusal.governance.statuteInvalid':
    'Recusado — {rule}: o texto do estatuto tem {count, plural, one {# problema} other {# problemas}}, o primeiro em {path} (linha {line}): {problem}.',
  'refusal.governance.statuteVersion': 'Recusado — {rule}: o estatuto deve ter a versão {expected}.',
  'refusal.governance.levelInUse':
    'Recusado — {rule}: há unidades do nível “{level}”, então o estatuto emendado deve manter esse nível.',
  'refusal.governance.bodyInUse':
    'Recusado — {rule}: há um órgão do tipo “{kind}”, então o estatuto emendado deve mantê-lo no mesmo nível.',
  'refusal.governance.noStatute': 'Recusado — {rule}: os fundadores devem primeiro adotar um estatuto.',
  'refusal.governance.input':
    'Recusado — {rule}: {field} está malformado (identificadores e nomes devem ser dados e simples).',
  'refusal.governance.exists': 'Recusado — {rule}: {id} já existe.',
  'refusal.governance.rootExists': 'Recusado — {rule}: a organização já foi fundada.',
  'refusal.governance.level': 'Recusado — {rule}: uma unidade aqui deve ser do nível “{expected}”, não “{level}”.',
  'refusal.governance.unknownUnit': 'Recusado — {rule}: não existe a unidade {id}.',
  'refusal.governance.unknownKind': 'Recusado — {rule}: o estatuto não tem órgão do tipo “{kind}”.',
  'refusal.governance.bodyLevel': 'Recusado — {rule}: um {kind} pertence a uma unidade do nível “{level}”.',
  'refusal.governance.bodyExists': 'Recusado — {rule}: esta unidade já tem seu {kind}.',
  'refusal.governance.memberLevel': 'Recusado — {rule}: os membros pertencem a unidades do nível “{level}”.',
  'refusal.governance.noApplication': 'Recusado — {rule}: não há pedido de filiação pendente {id} a esta unidade.',
  'refusal.governance.foundersNoVote': 'Recusado — {rule}: os fundadores registram a lista fundadora sem votação.',
  'refusal.governance.voteNeeded': 'Recusado — {rule}: esta decisão precisa da votação registrada do órgão.',
  'refusal.governance.sameUnit': 'Recusado — {rule}: o membro já pertence a essa unidade.',
  'refusal.governance.stillMember': 'Recusado — {rule}: só um ex-membro pode ser readmitido.',
  'refusal.governance.tooSoon':
    'Recusado — {rule}: a readmissão é possível {months, plural, one {# mês} other {# meses}} depois da saída ({since}).',
  'refusal.governance.bodyEmpty':
    'Recusado — {rule}: o órgão {body} não tem membros com voto nesse dia, então não pode decidir.',
  'refusal.governance.voteCount': 'Recusado — {rule}: os votos e os presentes devem ser números inteiros.',
  'refusal.governance.voteImpossible':
    'Recusado — {rule}: a contagem é impossível: {present} presentes de {members} membros, e não mais votos que presentes.',
  'refusal.governance.quorum':
    'Recusado — {rule}: sem quórum: {present} presentes de {members} membros; são necessários {needed}.',
  'refusal.governance.unknownMajority': 'Recusado — {rule}: o estatuto não define a maioria “{name}”.',
  'refusal.governance.notCarried':
    'Recusado — {rule}: a moção não alcançou a maioria {majority} ({majorityRule}): {arithmetic}.',
  'refusal.governance.noSeats':
    'Recusado — {rule}: um {kind} não tem vagas a eleger: todos os membros da unidade fazem parte dele.',
  'refusal.governance.ineligible':
    'Recusado — {rule}: {member} não é membro há {days, plural, one {# dia} other {# dias}}, como o mandato exige.',
  'refusal.governance.notInUnit': 'Recusado — {rule}: {member} não é membro dessa unidade.',
  'refusal.governance.holdsAlready': 'Recusado — {rule}: este membro já o detém.',
  'refusal.governance.officeNeedsSeat': 'Recusado — {rule}: o cargo {office} é exercido por um membro do órgão.',
  'refusal.governance.incompatible':
    'Recusado — {rule}: ninguém pode fazer parte ao mesmo tempo do {kind} e do {other}.',
  'refusal.governance.termLimit':
    'Recusado — {rule}: no máximo {terms, plural, one {# mandato consecutivo} other {# mandatos consecutivos}} neste órgão.',
  'refusal.governance.unknownOffice': 'Recusado — {rule}: o estatuto não tem o cargo {office} neste órgão.',
  'refusal.governance.backdated':
    'Recusado — {rule}: a filiação começa no dia da decisão ({on}); só a lista de fundação pode manter uma data anterior ({since}).',
  'refusal.governance.appointedOffice':
    'Recusado — {rule}: o cargo {office} é preenchido por nomeação, não por eleição.',
  'refusal.governance.oneHolder': 'Recusado — {rule}: um cargo tem um só titular.',
  'refusal.governance.officeHeld':
    'Recusado — {rule}: o cargo {office} está ocupado; só fica livre quando o mandato termina.',
  'refusal.governance.seats': 'Recusado — {rule}: o órgão tem {seats} vagas e {held} estão ocupadas.',
  'refusal.governance.delegatesByCount':
    'Recusado — {rule}: os delegados só são eleitos pela contagem proporcional da sua unidade, nos lugares repartidos a ela a partir da lista congelada na convocação de um congresso.',
  'refusal.governance.electedOffice': 'Recusado — {rule}: o cargo {office} é preenchido por eleição, não por nomeação.',
  'refusal.governance.noMandate': 'Recusado — {rule}: não há mandato {id} em vigor.',
  'refusal.governance.notAnElector': 'Recusado — {rule}: {member} não está entre os eleitores deste mandato.',
  'refusal.governance.signedAlready': 'Recusado — {rule}: este membro já assinou o pedido.',
  'refusal.governance.petitionShort':
    'Recusado — {rule}: o pedido de revogação tem {signatures} das {needed} assinaturas necessárias ({electors} eleitores).',
  'refusal.governance.tendencyOutsideDiscussion':
    'Recusado — {rule}: tendências e frações só podem se organizar durante uma discussão pré-congresso.',
  'refusal.governance.unknownTendency': 'Recusado — {rule}: não existe a tendência {id}.',
  'refusal.governance.discussionOpen': 'Recusado — {rule}: a discussão pré-congresso já está aberta.',
  'refusal.governance.discussionClosed': 'Recusado — {rule}: não há discussão pré-congresso aberta.',
  'refusal.governance.eventTooLarge':
    'Recusado — {rule}: o ato ficaria registado com {bytes} bytes, mais do que os {max} que uma entrada do registo comporta; encurte o seu texto.',
  'refusal.governance.voteMethod': 'Recusado — {rule}: esta decisão é tomada por {method}.',
  'refusal.governance.rollCall':
    'Recusado — {rule}: a chamada nominal nomeia {member}, que não é membro do órgão ou é nomeado duas vezes.',
  // ── congress: the congress's congress part (packages/domain/src/congress/congress.ts) ──
  'refusal.governance.congressAlreadyCalled':
    'Recusado — {rule}: o congresso {congress} está convocado e ainda não foi encerrado; um congresso de cada vez.',
  'refusal.governance.congressNoBody':
    'Recusado — {rule}: não há órgão do congresso ({kind}) na raiz da organização para convocar.',
  'refusal.governance.congressNoticeShort':
    'Recusado — {rule}: um congresso é convocado com pelo menos {days} dias de antecedência; {opensOn} é antes de {earliest}.',
  'refusal.governance.congressBeyondSchedule':
    'Recusado — {rule}: pelo calendário do estatuto o congresso deve abrir até {latest}, não em {opensOn}; só uma votação registrada de adiamento pode adiá-lo.',
  'refusal.governance.congressNoSchedule':
    'Recusado — {rule}: nenhum congresso foi aberto ainda, então nenhum está atrasado.',
  'refusal.governance.congressNotDue':
    'Recusado — {rule}: o próximo congresso deve abrir até {due}; os membros podem convocá-lo a partir de {from} se não tiver sido convocado.',
  'refusal.governance.congressUnknown': 'Recusado — {rule}: não existe o congresso {id}.',
  'refusal.governance.congressNotInPreparation':
    'Recusado — {rule}: o congresso {id} não está em preparação (já abriu ou foi encerrado).',
  'refusal.governance.congressNotOpen': 'Recusado — {rule}: o congresso {id} não está em sessão.',
  'refusal.governance.congressNotInSession':
    'Recusado — {rule}: o congresso ({body}) só age em sessão, e nenhum dos seus congressos está aberto.',
  'refusal.governance.congressOpensLater': 'Recusado — {rule}: o congresso abre em {opensOn}, não antes.',
  'refusal.governance.congressRollEmpty':
    'Recusado — {rule}: nenhum membro com direito a voto pertence a uma unidade que elege delegados.',
  'refusal.governance.congressPetitionWhileCalled':
    'Recusado — {rule}: o congresso {congress} já está convocado; o pedido recomeça depois dele.',
  'refusal.governance.congressPetitionSignedAlready':
    'Recusado — {rule}: este membro já assinou o pedido de congresso extraordinário.',
  'refusal.governance.congressPetitionResolvedAlready':
    'Recusado — {rule}: a unidade {unit} já decidiu apoiar o pedido.',
  'refusal.governance.congressExtraordinaryFixed':
    'Recusado — {rule}: um congresso extraordinário abre quando o estatuto determina; não pode ser adiado.',
  'refusal.governance.congressPostponeEarlier':
    'Recusado — {rule}: o congresso abre em {opensOn}; um adiamento o leva para depois.',
  'refusal.governance.congressPostponedTooLong':
    'Recusado — {rule}: isso adiaria o congresso {days} dias a partir de {original}; no máximo {maxDays} ao todo.',
  'refusal.governance.delegateSeatsShort':
    'Recusado — {rule}: {seats} delegados não bastam para dar a cada uma das {units} unidades o mínimo de {minimum}.',
  'refusal.governance.delegateUnitNotApportioned':
    'Recusado — {rule}: a unidade {unit} não tem delegados atribuídos neste congresso.',
  'refusal.governance.delegatesElectedAlready':
    'Recusado — {rule}: a unidade {unit} já elegeu seus delegados a este congresso.',
  'refusal.governance.delegateSeatsMismatch':
    'Recusado — {rule}: a unidade elege {seats} delegados; foram dados {given} mandatos.',
  'refusal.governance.delegateNotOnRoll':
    'Recusado — {rule}: {member} não está no cadastro congelado do congresso em {unit}.',
  'refusal.governance.delegateTooFewCandidates': 'Recusado — {rule}: {candidates} candidatos para {seats} vagas.',
  'refusal.governance.delegateBallotNotCandidate':
    'Recusado — {rule}: uma cédula ordena {member}, que não é candidato.',
  'refusal.governance.delegateBallotRepeats': 'Recusado — {rule}: uma cédula ordena um candidato mais de uma vez.',
  'refusal.governance.delegateBallotsExceedRoll':
    'Recusado — {rule}: {ballots} cédulas, mas só {roll} membros da unidade estão no cadastro congelado.',
  // ── bulletin: the congress's bulletin part (packages/domain/src/congress/bulletin.ts) ──
  'refusal.governance.platformUnknown': 'Recusado — {rule}: não existe a plataforma {id}.',
  'refusal.governance.platformSignedAlready': 'Recusado — {rule}: {member} já assinou a plataforma {id}.',
  'refusal.governance.platformSignerNoVote':
    'Recusado — {rule}: {member} ainda não tem direito a voto; uma plataforma é redigida e assinada por membros com voto.',
  'refusal.governance.platformBodiesCannotEdit':
    'Recusado — {rule}: {who} é um órgão; nenhum órgão pode bloquear, atrasar ou editar uma plataforma: só os seus signatários a emendam.',
  'refusal.governance.platformNotSignatory':
    'Recusado — {rule}: {member} não assinou a plataforma {id}; só os seus signatários a emendam.',
  'refusal.governance.platformAmendmentUnknown': 'Recusado — {rule}: não existe a emenda {id} a uma plataforma.',
  'refusal.governance.platformAmendmentApprovedAlready': 'Recusado — {rule}: {member} já aprovou esta emenda.',
  'refusal.governance.platformAmendmentStale':
    'Recusado — {rule}: a emenda {id} era à versão {base} da plataforma, que agora está na versão {version}.',
  'refusal.governance.letterNoRecipients':
    'Recusado — {rule}: o órgão {body} não tem membros nesse dia para receber a carta.',
  // ── motions: the congress's motions part (packages/domain/src/congress/motions.ts) ──
  'refusal.governance.motionUnknown': 'Recusado — {rule}: não há moção {id}.',
  'refusal.governance.motionOutsideBody':
    'Recusado — {rule}: {who} só pode apresentar moções a órgãos da própria unidade ou de uma unidade que a contenha, não a {body}.',
  'refusal.governance.motionBodiesApart':
    'Recusado — {rule}: o órgão {who} só pode apresentar moções a órgãos de uma unidade contida na sua ou que a contenha, não a {body}.',
  'refusal.governance.motionCosignOwn':
    'Recusado — {rule}: uma moção é coassinada por membros que não o seu proponente.',
  'refusal.governance.motionCosignedAlready': 'Recusado — {rule}: este membro já coassinou a moção.',
  'refusal.governance.motionNotDrafted':
    'Recusado — {rule}: a moção {id} não está mais recolhendo coassinaturas ({status, select, submitted {já foi apresentada} withdrawn {foi retirada} composited {foi fundida numa moção composta} decided {já foi decidida} other {não é um rascunho}}).',
  'refusal.governance.motionNotOpen':
    'Recusado — {rule}: a moção {id} não está diante do seu órgão ({status, select, drafted {ainda precisa das coassinaturas} withdrawn {foi retirada} composited {foi fundida numa moção composta} decided {já foi decidida} other {está encerrada}}).',
  'refusal.governance.motionTooLong':
    'Recusado — {rule}: o texto de uma moção pode ter no máximo 2.000 linhas e 100.000 caracteres, emendado ou não.',
  'refusal.governance.motionNotMover': 'Recusado — {rule}: só o proponente da moção pode retirá-la, não {who}.',
  'refusal.governance.motionWithdrawComposite':
    'Recusado — {rule}: uma moção composta pertence a todos os seus proponentes; nenhum deles pode retirá-la pelos demais.',
  'refusal.governance.motionAmendmentsPending':
    'Recusado — {rule}: {count, plural, one {# emenda ainda deve} other {# emendas ainda devem}} ser votadas antes da própria moção.',
  'refusal.governance.motionVoteOutOfOrder':
    'Recusado — {rule}: as emendas são votadas em ordem (primeiro as emendas a uma emenda, depois pela primeira linha que afetam); a próxima é {next}.',
  'refusal.governance.amendmentUnknown': 'Recusado — {rule}: não há emenda {id} a esta moção.',
  'refusal.governance.amendmentNotInBody':
    'Recusado — {rule}: {who} não é membro de {body}; só os seus membros, ou um órgão com direito de lhe apresentar moções, podem emendar.',
  'refusal.governance.amendmentLines':
    'Recusado — {rule}: as linhas {from} a {to} não existem num texto de {lines, plural, one {# linha} other {# linhas}} (para inserir antes da linha n, indique n a n − 1).',
  'refusal.governance.amendmentNothing': 'Recusado — {rule}: uma inserção deve inserir ao menos uma linha.',
  'refusal.governance.amendmentNotPending':
    'Recusado — {rule}: a emenda {id} não está mais pendente ({status, select, carried {foi aprovada} lost {foi rejeitada} fell {ela caiu} other {está encerrada}}).',
  'refusal.governance.compositeUnknown': 'Recusado — {rule}: não há moção composta {id} proposta.',
  'refusal.governance.compositeMotions':
    'Recusado — {rule}: uma moção composta funde duas ou mais moções diferentes diante do mesmo órgão.',
  'refusal.governance.compositeNotMover':
    'Recusado — {rule}: {who} não é proponente das moções fundidas; só os seus proponentes consentem.',
  'refusal.governance.compositeConsentedAlready': 'Recusado — {rule}: este proponente já consentiu.',
  'refusal.governance.compositeClosed': 'Recusado — {rule}: a moção composta {id} já foi acordada.',
  // ── floor: the congress's floor part (packages/domain/src/congress/floor.ts) ──
  'refusal.governance.unknownMeeting': 'Recusado — {rule}: não há reunião {id}.',
  'refusal.governance.meetingClosed': 'Recusado — {rule}: a reunião {id} está encerrada.',
  'refusal.governance.meetingTimeOrder':
    'Recusado — {rule}: o ato tem horário {time}, anterior ao último ato da reunião ({last}).',
  'refusal.governance.chairNotInBody': 'Recusado — {rule}: quem preside deve ser membro de {body}; {member} não é.',
  'refusal.governance.notInMeetingBody': 'Recusado — {rule}: {member} não é membro de {body}, cuja reunião é esta.',
  'refusal.governance.unknownAgendaItem': 'Recusado — {rule}: não há ponto {item} na pauta.',
  'refusal.governance.coReportRemoved':
    'Recusado — {rule}: o co-informe da plataforma {platform} (ponto {item}) não pode ser retirado da pauta.',
  'refusal.governance.agendaItemInUse':
    'Recusado — {rule}: o ponto {item} tem oradores, debate encerrado ou votações; por isso permanece na pauta.',
  'refusal.governance.speakerListedAlready': 'Recusado — {rule}: {member} já está inscrito(a) neste ponto.',
  'refusal.governance.speakerNotListed': 'Recusado — {rule}: {member} não aguarda na lista de inscritos deste ponto.',
  'refusal.governance.speakerPlatformUnknown':
    'Recusado — {rule}: não há plataforma {platform} registrada para este congresso.',
  'refusal.governance.speakerNotSignatory':
    'Recusado — {rule}: só um signatário da plataforma {platform} fala por ela; {member} não é.',
  'refusal.governance.speakerOutOfOrder':
    'Recusado — {rule}: pela lista, a palavra cabe agora a {next}, não a {member}; a mesa não pode pular ninguém.',
  'refusal.governance.noSpeakerWaiting': 'Recusado — {rule}: ninguém aguarda na lista de inscritos do ponto {item}.',
  'refusal.governance.speechInProgress': 'Recusado — {rule}: {member} está com a palavra (intervenção {speech}).',
  'refusal.governance.noSpeechInProgress': 'Recusado — {rule}: ninguém está com a palavra.',
  'refusal.governance.speechTimeLeft':
    'Recusado — {rule}: restam ao orador {left, plural, one {# minuto} other {# minutos}} dos seus {minutes}; a mesa não pode cortá-lo.',
  'refusal.governance.itemDebateClosed': 'Recusado — {rule}: o debate do ponto {item} está encerrado.',
  'refusal.governance.itemDebateOpen':
    'Recusado — {rule}: o debate do ponto {item} deve ser encerrado antes da votação.',
  'refusal.governance.platformQuotaOwed':
    'Recusado — {rule}: a plataforma {platform} tem oradores aguardando e teve {had} das {quota} intervenções a que tem direito.',
  'refusal.governance.pointOfOrderPending': 'Recusado — {rule}: a mesa deve antes decidir a questão de ordem {point}.',
  'refusal.governance.challengePending':
    'Recusado — {rule}: a decisão {ruling} foi contestada; a reunião deve votar a contestação primeiro.',
  'refusal.governance.unknownPointOfOrder': 'Recusado — {rule}: não há questão de ordem {id} nesta reunião.',
  'refusal.governance.pointRuledAlready': 'Recusado — {rule}: a questão de ordem {id} já foi decidida ({ruling}).',
  'refusal.governance.unknownRuling': 'Recusado — {rule}: não há decisão da mesa {id}.',
  'refusal.governance.rulingChallengedAlready': 'Recusado — {rule}: a decisão {id} já foi contestada.',
  'refusal.governance.rulingNotChallenged': 'Recusado — {rule}: nenhuma contestação da decisão {id} aguarda votação.',
  'refusal.governance.agendaUnfinished':
    'Recusado — {rule}: o debate ainda está aberto em {items}: só o voto da própria reunião pode encerrá-la antes.',
  // ── secret ballots: refusals of @plenum/crypto (Belenios) ──
  'crypto.malformed': 'Recusado — {rule}: malformado em {where}: {detail}.',
  'crypto.wrong-election': 'Recusado — {rule}: feito para outra eleição ({where}: {detail}).',
  'crypto.invalid-proof': 'Recusado — {rule}: uma prova ou assinatura não confere ({where}: {detail}).',
  'crypto.unknown-credential': 'Recusado — {rule}: a credencial não é desta eleição ({where}: {detail}).',
  'crypto.unsupported': 'Recusado — {rule}: não suportado pelo Plenum ({where}: {detail}).',
  'minutes.title': 'Ata da reunião {meeting} de {body}',
  'minutes.opened': 'Aberta em {on} às {at}. Mesa: {chair}.',
  'minutes.agenda': 'Pauta',
  'minutes.coReportItem': 'co-informe, {minutes, plural, one {# minuto} other {# minutos}}',
  'minutes.agendaVote': 'Em {on} às {at} a reunião votou uma mudança da pauta: {outcome}. {count}',
  'minutes.noSpeeches': 'Sem intervenções.',
  'minutes.speech':
    'Intervenção {n}: {speaker} ({side}), {from}–{to}: falou {spoke, plural, one {# minuto} other {# minutos}} de {minutes}',
  'minutes.side.for': 'a favor',
  'minutes.side.against': 'contra',
  'minutes.side.neutral': 'neutro',
  'minutes.note.coReport': 'co-informe',
  'minutes.note.platform': 'pela plataforma {platform}',
  'minutes.note.unfinished': 'não concluída',
  'minutes.note.endedByChair': 'encerrada pela mesa',
  'minutes.note.overran': 'além do tempo',
  'minutes.debateClosed': 'A mesa encerrou o debate em {on} às {at}. Ainda inscritos: {waiting}.',
  'minutes.nobody': 'ninguém',
  'minutes.vote': 'Votação {vote} às {at} — “{question}”: {outcome}. {count}',
  'minutes.count':
    'Por {method}: sim {yes}, não {no}, abstenções {abstain}; {present} presentes de {members} membros; maioria {majority}: {arithmetic}.',
  'minutes.method.showOfHands': 'contraste (mãos levantadas)',
  'minutes.method.rollCall': 'votação nominal',
  'minutes.method.secretBallot': 'voto secreto',
  'minutes.roll': 'Votação nominal: {answers}.',
  'minutes.choice.yes': 'sim',
  'minutes.choice.no': 'não',
  'minutes.choice.abstain': 'abstenção',
  'minutes.carried': 'aprovada',
  'minutes.lost': 'rejeitada',
  'minutes.motions': 'Moções e emendas decididas',
  'minutes.amendment': 'Emenda {amendment} (linhas {from}–{to}): {outcome}. {count}',
  'minutes.amendmentFell': 'A emenda {amendment} (linhas {from}–{to}) caiu: {because} foi aprovada.',
  'minutes.motion': 'A moção, em {on}: {outcome}. {count}',
  'minutes.motionNotDecided': 'A moção em si não foi decidida nesta reunião.',
  'minutes.pointsOfOrder': 'Questões de ordem e decisões da mesa',
  'minutes.none': 'Nenhuma.',
  'minutes.point': 'Questão de ordem {point} de {member} às {at}: {text}',
  'minutes.pointPending': 'Não decidida.',
  'minutes.ruling': 'Decisão {ruling} da mesa às {at}: {decision}',
  'minutes.challenge': 'Contestada por {member} às {at}.',
  'minutes.challengePending': 'A reunião ainda não votou a contestação.',
  'minutes.challengeDecided': 'Votação da reunião às {at}: a decisão é {outcome}. {count}',
  'minutes.overturned': 'revogada',
  'minutes.upheld': 'mantida',
  'minutes.stillOpen': 'A reunião ainda está aberta.',
  'minutes.closedByChair': 'A mesa encerrou a reunião em {on} às {at}, cumprida a pauta.',
  'minutes.closedByMeeting': 'A reunião encerrou-se por seu voto em {on} às {at}. {count}',
  // ── discipline: the congress's discipline part (packages/domain/src/congress/discipline.ts) ──
  'refusal.governance.caseUnknown': 'Recusado — {rule}: não há processo disciplinar {id}.',
  'refusal.governance.caseOpenAlready':
    'Recusado — {rule}: {member} já responde ao processo {id}; um novo processo espera até que ele se encerre.',
  'refusal.governance.caseNoBody':
    'Recusado — {rule}: não existe {kind} na unidade do acusado nem acima dela para julgar o processo.',
  'refusal.governance.caseProtectedOpinion':
    'Recusado — {rule}: nenhum membro pode ser acusado por opiniões expressas na discussão interna ({ref}).',
  'refusal.governance.caseRecordUnknown': 'Recusado — {rule}: o registro não contém {ref}.',
  'refusal.governance.caseConfidentialMix':
    'Recusado — {rule}: num processo confidencial todo texto é selado pelo seu compromisso; num processo aberto, nenhum.',
  'refusal.governance.caseClosed': 'Recusado — {rule}: o processo {id} está encerrado.',
  'refusal.governance.caseReplyLate': 'Recusado — {rule}: o prazo para responder terminou em {replyBy}.',
  'refusal.governance.caseRepliedAlready': 'Recusado — {rule}: o acusado já respondeu a estas acusações.',
  'refusal.governance.caseNotice':
    'Recusado — {rule}: uma audiência em {hearingOn} dá aviso insuficiente ou vem antes da resposta; o primeiro dia possível é {earliest}.',
  'refusal.governance.caseNoHearing': 'Recusado — {rule}: nenhuma audiência foi marcada neste processo.',
  'refusal.governance.caseHeardAlready': 'Recusado — {rule}: a audiência deste processo já foi realizada.',
  'refusal.governance.caseHearingDay': 'Recusado — {rule}: a audiência está marcada para {hearingOn}.',
  'refusal.governance.caseReplyPending':
    'Recusado — {rule}: o acusado ainda pode responder até {replyBy}; nenhuma decisão antes da resposta ou desse dia.',
  'refusal.governance.caseNotHeard': 'Recusado — {rule}: nenhuma decisão sem ouvir o acusado em audiência.',
  'refusal.governance.caseDecidedAlready': 'Recusado — {rule}: este processo já foi decidido.',
  'refusal.governance.casePenalty': 'Recusado — {rule}: o estatuto não prevê a pena “{penalty}”.',
  'refusal.governance.caseNotDecided': 'Recusado — {rule}: este processo ainda não foi decidido.',
  'refusal.governance.caseNotAppealable': 'Recusado — {rule}: não resta recurso contra esta decisão.',
  'refusal.governance.caseAppealLate': 'Recusado — {rule}: o prazo para recorrer terminou em {appealBy}.',
  'refusal.governance.caseAppealPending':
    'Recusado — {rule}: há um recurso pendente neste processo; a pena espera por ele.',
  'refusal.governance.caseNoAppeal': 'Recusado — {rule}: nenhum recurso neste processo aguarda decisão.',
  'refusal.governance.caseAppealOpen':
    'Recusado — {rule}: o acusado pode recorrer até {appealBy}; a pena não vigora antes disso.',
  'refusal.governance.ballotUnknown': 'Recusado — {rule}: não existe a votação secreta {id}.',
  'refusal.governance.ballotQuestions':
    'Recusado — {rule}: uma votação secreta faz de 1 a {questions} perguntas, cada uma com 1 a {answers} respostas diferentes de no máximo {length} caracteres, e 0 ≤ mín ≤ máx ≤ o número de respostas.',
  'refusal.governance.ballotElectorateEmpty': 'Recusado — {rule}: o eleitorado ({scope}) não tem ninguém nesse dia.',
  'refusal.governance.ballotTrustees':
    'Recusado — {rule}: uma votação secreta tem de 2 a {max} guardiões da chave, cada um um membro diferente.',
  'refusal.governance.ballotThreshold':
    'Recusado — {rule}: o limiar deve ser pelo menos 2 e no máximo o número de guardiões ({trustees}).',
  'refusal.governance.ballotFaction':
    'Recusado — {rule}: {nominator} indicou {count} guardiões, e {threshold} deles poderiam decifrar sem mais ninguém; nenhum indicador pode deter o limiar.',
  'refusal.governance.ballotAuthorityTrustee':
    'Recusado — {rule}: a autoridade de credenciais não pode ser também guardiã da chave.',
  'refusal.governance.ballotNominator':
    'Recusado — {rule}: os guardiões são indicados por uma plataforma registrada ou por um órgão; {nominator} não é nenhum dos dois.',
  'refusal.governance.ballotStage': 'Recusado — {rule}: não nesta etapa da votação ({stage}).',
  'refusal.governance.ballotCredentials':
    'Recusado — {rule}: a autoridade de credenciais publica uma credencial pública nova por eleitor, nenhuma duas vezes: faltam {expected}.',
  'refusal.governance.ballotNotTrustee': 'Recusado — {rule}: {who} não é guardião da chave desta votação.',
  'refusal.governance.ballotTrusteeDone': 'Recusado — {rule}: este guardião já fez a etapa {step}.',
  'refusal.governance.ballotCeremony': 'Recusado — {rule}: a preparação não terminou ({step}).',
  'refusal.governance.ballotNotOpen': 'Recusado e registrado — {rule}: a urna de {id} ainda não está aberta.',
  'refusal.governance.ballotClosed': 'Recusado e registrado — {rule}: a urna de {id} está fechada.',
  'refusal.governance.ballotMalformed':
    'Recusado e registrado — {rule}: isto não é uma cédula desta eleição ({detail}).',
  'refusal.governance.ballotCredentialUnknown':
    'Recusado e registrado — {rule}: a cédula está assinada com uma credencial que esta eleição não emitiu.',
  'refusal.governance.ballotReplayed':
    'Recusado e registrado — {rule}: esta mesma cédula já está na urna (rastreador {tracker}).',
  'refusal.governance.ballotRefusedAlready':
    'Recusado — {rule}: esta cédula já foi recusada e registrada (hash {tracker}).',
  'refusal.governance.ballotDecryption': 'Recusado — {rule}: as decifrações parciais não dão um resultado.',
  'refusal.governance.ballotVoterOnly':
    'Recusado — {rule}: as cédulas entram no registro só pela urna, assinadas pela sua credencial, nunca como comando de um membro ou órgão.',
  'refusal.record.actorKey':
    'Recusado — {rule}: {actor} assina com a chave que o registro lhe vincula ({bound}), não com {key}.',
  'refusal.record.keyNotEnrolled':
    'Recusado — {rule}: {actor} ainda não tem chave no registro: as chaves são cadastradas no login.',
  'error.commandStale':
    'A organização mudou desde que este comando foi preparado: prepare-o de novo e assine os novos eventos. Nada foi registrado.',
  'error.badEventSignature':
    'A assinatura de {actor} num evento {type} não confere com a chave {key}; nada foi registrado.',
  'error.logKeyPermissions':
    'A chave do log {file} pode ser lida por outros (modo {mode}). Execute “chmod 600 {file}”; o Plenum não assina com uma chave que outros possam ter copiado.',
  'error.logKeyMalformed': 'Não é possível ler a chave do log {file}: {reason}',
  'error.logKeyLost':
    'O registro em {dir} tem checkpoints assinados, mas a chave do log {file} não existe. Restaure-a de um backup; uma chave nova tornaria o registro inverificável frente ao que os membros já têm.',
  'cli.error.badOrigin':
    'plenum: “{value}” não pode ser a origem de um log (sem espaços nem “+”, de 1 a 200 caracteres).',
  'cli.option.origin': 'origem (nome) do log do registro, p. ex. example.org/sindicato (init e demo)',
  'cli.logKey': 'Os checkpoints do registro são assinados com a chave do log {vkey}',
  'cli.usage': "Uso: plenum '<comando>' [opções]",
  'cli.commands': 'Comandos:',
  'cli.options': 'Opções:',
  'cli.command.serve': 'serve a organização do diretório de dados',
  'cli.command.init': 'cria uma organização vazia no diretório de dados',
  'cli.command.demo': 'cria a organização de demonstração na primeira execução e a serve',
  'cli.option.port': 'porta a escutar (env PORT, padrão {port})',
  'cli.option.host': 'endereço a escutar (env PLENUM_HOST, padrão {host})',
  'cli.option.dataDir': 'diretório de dados (env PLENUM_DATA_DIR, padrão {dir})',
  'cli.option.databaseUrl':
    'URL do PostgreSQL postgres://usuário:senha@host:5432/banco para o registro (env PLENUM_DATABASE_URL; padrão: SQLite no diretório de dados)',
  'cli.option.name': 'nome da organização (apenas init)',
  'cli.option.help': 'mostra esta ajuda',
  'cli.option.version': 'mostra a versão',
  'cli.error.unknownCommand': 'plenum: comando desconhecido “{command}”. Execute “plenum --help” para ver a lista.',
  'cli.error.noCommand': 'plenum: nenhum comando dado. Execute “plenum --help” para ver a lista.',
  'cli.error.unknownOption': 'plenum: opção desconhecida “{option}”. Execute “plenum --help” para ver as opções.',
  'cli.error.missingValue': 'plenum: a opção “{option}” precisa de um valor.',
  'cli.error.unexpectedArgument': 'plenum: argumento inesperado “{argument}”.',
  'cli.error.unexpected': 'plenum: erro inesperado: {reason}',
  'cli.warning.noWebApp':
    'A aplicação do navegador não foi compilada ({dir} não existe); servindo apenas a API. Execute “npm run build”.',
  'cli.error.badOption': 'plenum: {detail}. Execute “plenum --help” para ver as opções.',
  'cli.error.badPort': 'plenum: a porta deve ser um número inteiro de 0 a 65535, não “{value}”.',
  'cli.error.badName': 'plenum: o nome da organização deve ter de 1 a 200 caracteres.',
  'cli.error.listen': 'plenum: não é possível escutar em {host}:{port} ({reason}).',
  'cli.initialised': 'Organização “{name}” criada em {dir}.',
  'cli.command.verifyElection':
    "verificar o arquivo Belenios de uma votação secreta, de um arquivo ou de uma URL: verify election '<arquivo|url>'",
  'election.verify.check.archive':
    'o arquivo: {count, plural, one {# evento} other {# eventos}}, cada um encadeado ao anterior, cada arquivo nomeado pelo seu hash',
  'election.verify.check.election': 'a eleição: {count, plural, one {# pergunta} other {# perguntas}}',
  'election.verify.check.trustees':
    'as chaves e provas dos guardiões ({count, plural, one {# chave} other {# chaves}}); a chave da eleição é o seu produto',
  'election.verify.check.credentials':
    '{count, plural, one {# credencial pública} other {# credenciais públicas}}, cada uma no grupo, nenhuma repetida',
  'election.verify.check.ballots':
    '{count, plural, one {# cédula} other {# cédulas}}: cada uma assinada por uma credencial da eleição, todas as provas válidas',
  'election.verify.check.tally':
    'a apuração cifrada é o produto das {count, plural, one {# cédula contada} other {# cédulas contadas}}',
  'election.verify.check.decryption': 'a decifração parcial do guardião {count} e as suas provas',
  'election.verify.check.result': 'o resultado é a decifração da apuração',
  'election.verify.progress': 'cédula {done, number} de {total, number}',
  'election.verify.ok':
    'Verificado: {ballots, plural, one {# cédula depositada} other {# cédulas depositadas}}, {counted, plural, one {# contada} other {# contadas}}, e o resultado é o delas.',
  'election.verify.okOpen':
    'Verificado até aqui: {ballots, plural, one {# cédula depositada} other {# cédulas depositadas}} ({counted} contadas); a votação ainda não foi decifrada.',
  'election.verify.failed': 'NÃO verificado: {target} falha na verificação acima.',
  'election.verify.blank': 'em branco',
  'election.verify.error.read': 'plenum: não é possível ler o arquivo {target}: {reason}',
  'election.verify.error.usage': "plenum: uso: plenum verify election '<arquivo.bel|url>' [--json]",
  'cli.command.trustee':
    "fazer a próxima etapa de um guardião da chave de uma votação secreta, assinada com a chave do membro: trustee '<url-do-servidor>' '<id-da-votação>' --member '<id>' --key '<arquivo>' --seed '<arquivo>'",
  'trustee.done': 'Feito: etapa {step} da votação {ballot}, assinada e registrada.',
  'trustee.refused': 'Etapa {step} recusada: {problem}',
  'trustee.waiting': 'Nada a fazer ainda: aguardando {what}.',
  'trustee.error.key': 'plenum: não é possível ler a chave de assinatura {file}: {reason}',
  'trustee.error.seedExists': 'plenum: {file} já existe: a semente de um guardião nunca é sobrescrita.',
  'trustee.error.notTrustee': 'plenum: {member} não é guardião da chave da votação {ballot}.',
  'trustee.error.material': 'a apuração ou as partes que o servidor deu não podem ser lidas',
  'trustee.error.server': 'plenum: não foi possível usar o servidor {server}: {reason}',
  'trustee.error.usage':
    "plenum: uso: plenum trustee '<url-do-servidor>' '<id-da-votação>' --member '<id>' --key '<arquivo de chave>' --seed '<arquivo>' [--on AAAA-MM-DD]",
  'cli.command.count': "apurar um arquivo de cédulas: count --method '<nome>' '<arquivo>'",
  'cli.option.method': 'o método de apuração (count): veja a lista abaixo',
  'cli.option.seats': 'o número de vagas a preencher (count; padrão: o que o arquivo diz)',
  'cli.option.format':
    'o formato do arquivo de cédulas (count; padrão: pelo nome do arquivo): blt, csv, soi, toi, toc, json',
  'cli.option.threshold':
    'a cláusula de barreira em porcentagem dos votos (count, métodos de repartição): partidos abaixo dela não recebem vaga',
  'cli.option.seed': 'semente de qualquer sorteio (count; padrão: o SHA-256 do arquivo), informada com cada sorteio',
  'cli.option.json': 'imprimir o relatório inteiro em JSON (count)',
  'count.methods.heading': 'Métodos de apuração (plenum count --method):',
  'count.method.scottish-stv':
    'VUT como nas eleições municipais escocesas (SSI 2007/42): Gregory inclusivo ponderado, 5 casas decimais',
  'count.method.ers97':
    'STV ERS97 (regras da Electoral Reform Society, 1997): duas casas decimais, sobra transferida do último lote, sobras adiadas, exclusões em bloco',
  'count.method.meek':
    'VUT de Meek, ponto fixo compatível com o Droop (9 casas, como o stv-rs); aceita empates na ordem',
  'count.method.irv': 'segundo turno instantâneo (regras do Maine/RCTab: um voto em excesso esgota a cédula)',
  'count.method.irv-minneapolis':
    'segundo turno instantâneo como Minneapolis apurou em 2013 (votos em excesso pulados, eliminação em bloco)',
  'count.method.schulze': 'Schulze (votos vencedores); com várias vagas, o topo da classificação de Schulze',
  'count.method.plurality': 'maioria simples: mais primeiras preferências (várias vagas: voto em bloco)',
  'count.method.approval': 'aprovação: cada candidato marcado numa cédula é aprovado uma vez',
  'count.method.sainte-lague': 'repartição por Sainte-Laguë/Webster (primeiras preferências como votos de partido)',
  'count.method.dhondt': 'repartição por D’Hondt/Jefferson (primeiras preferências como votos de partido)',
  'count.method.hare-niemeyer':
    'repartição por Hare-Niemeyer/maiores restos (primeiras preferências como votos de partido)',
  'count.header':
    '{title} — {method}: {seats, plural, one {# vaga} other {# vagas}}, {voters, number} eleitores, {candidates, plural, one {# candidato} other {# candidatos}}',
  'count.rule': 'Regra: {rule}',
  'count.quota': 'Quota: {quota}',
  'count.round': 'Rodada {number}',
  'count.roundWithQuota': 'Rodada {number} (quota {quota})',
  'count.column.candidate': 'Candidato',
  'count.column.votes': 'Votos',
  'count.column.change': 'Variação',
  'count.nonTransferable': 'Intransferíveis',
  'count.action.elected': 'Eleito(s): {names} — {rule}: {reason}',
  'count.action.excluded': 'Excluído(s): {names} — {rule}: {reason}',
  'count.action.surplus': 'Sobra de {name} ({amount}) transferida — {rule}: {reason}',
  'count.action.note': '{rule}: {reason}',
  'count.tieBreak': 'Empate na rodada {round} entre {names}: {chosen} escolhido ({purpose}) — {how}',
  'count.tieBreakLot':
    'Empate na rodada {round} entre {names}: {chosen} escolhido ({purpose}) por sorteio — semente “{seed}”, sorteio {draw} entre {of} — {how}',
  'count.elected': 'Eleitos, em ordem: {names}',
  'count.progress.reading': 'Lendo {file}… {percent}%',
  'count.progress.counting': 'Apurando {ballots, plural, one {# cédula distinta} other {# cédulas distintas}}…',
  'count.error.usage':
    "plenum: uso: plenum count --method '<nome>' [--seats N] [--format blt] [--seed S] [--threshold P] [--json] '<arquivo>'",
  'count.error.method': 'plenum: não existe o método de apuração “{method}”. Métodos: {methods}.',
  'count.error.format': 'plenum: não é possível saber o formato de {file}: use --format ({formats}).',
  'count.error.thresholdValue': 'plenum: --threshold deve ser uma porcentagem dos votos como 5 ou 0.5, não “{value}”.',
  'count.error.thresholdMethod': 'plenum: --threshold só se aplica aos métodos de repartição, não a {method}.',
  'count.error.seatsValue': 'plenum: --seats deve ser um número inteiro maior ou igual a 1, não “{value}”.',
  'count.error.seats':
    'plenum: não é possível preencher {seats, plural, one {# vaga} other {# vagas}} com {candidates, plural, one {# candidato} other {# candidatos}}.',
  'count.error.singleWinner': 'plenum: {method} elege um só candidato; --seats {seats} não é possível.',
  'count.error.read': 'plenum: não é possível ler {file}: {reason}',
  'count.error.encoding': 'plenum: {file} não é texto UTF-8.',
  'count.error.malformed': 'plenum: {file}:{line}: {detail}',
  'count.error.equalRankings':
    'plenum: {file}: a cédula {ballot} classifica candidatos empatados, o que o método {method} não permite.',
  'count.error.impossible': 'plenum: {method} não pode apurar isto: {reason}',
  'cli.foundersKey':
    'Os fundadores assinaram a fundação com a chave em {file} (legível só por você). Ela só pode agir até a constituição do congresso: guarde-a, mas não neste servidor.',
  'error.foundersKeyExists':
    'Já existe uma chave dos fundadores em {file}, mas a organização não foi fundada. Mova-a se não for necessária e rode plenum init de novo.',
  'cli.demoCreated': 'Organização de demonstração “{name}” criada com {members} membros em {dir}.',
  'cli.demoReused': 'Usando a organização existente “{name}” em {dir}.',
  'cli.error.unknownScenario': 'plenum: não existe o cenário “{scenario}”. Cenários: {scenarios}.',
  'cli.scenario1923.heading':
    'O cenário de 1923: a Plataforma dos 46 foi apresentada e distribuída a {recipients, plural, one {# membro} other {# membros}}. Núcleo por núcleo (membros; a favor da plataforma; lugares de delegado; delegados da plataforma):',
  'cli.scenario1923.branch': '  {branch}: {members}; {forPlatform}; {seats}; {delegates}',
  'cli.scenario1923.total':
    'No total, {votes} de {members} membros votaram pela plataforma; os seus apoiantes elegeram {delegates} dos {seats} delegados.',
  'cli.scenario1923.history':
    'Em janeiro de 1924 a Oposição tinha cerca de metade dos votos em Moscou, e só três delegados votaram pela sua posição na XIII Conferência. Veja docs/scenario-1923.md.',
  'cli.serving': 'O Plenum está servindo “{name}” em {url}',
  'cli.stopping': 'Encerrando…',
  // ── circulação por e-mail (packages/app/src/mail.ts, packages/server/src/mailer.ts) ──
  'cli.environment': 'Ambiente:',
  'cli.env.smtpUrl':
    'servidor SMTP que circula plataformas e cartas por e-mail: smtp://usuario:senha@host:587 ou smtps://…:465 (ausente: sem e-mail)',
  'cli.env.mailFrom':
    'o endereço de onde o e-mail é enviado, p. ex. plenum@example.org (necessário com PLENUM_SMTP_URL)',
  'cli.env.publicUrl': 'o endereço público do servidor, para os links nos e-mails, p. ex. https://plenum.example.org/',
  'cli.error.smtpUrl':
    'plenum: PLENUM_SMTP_URL deve ser smtp://[usuario:senha@]host[:porta] ou smtps://[usuario:senha@]host[:porta]; recebido “{value}”.',
  'cli.error.mailFrom':
    'plenum: PLENUM_SMTP_URL está definida, então PLENUM_MAIL_FROM deve ser o endereço de envio; recebido “{value}”.',
  'cli.error.publicUrl': 'plenum: PLENUM_PUBLIC_URL deve ser um endereço http:// ou https://; recebido “{value}”.',
  'cli.mail.on': 'E-mail: plataformas e cartas são circuladas por {server}, a partir de {from}',
  'cli.mail.off':
    'E-mail: desligado (defina PLENUM_SMTP_URL e PLENUM_MAIL_FROM para circular plataformas e cartas por e-mail)',
  'members.import.contacts':
    '{count, plural, =0 {Nenhum endereço de e-mail foi guardado} one {# endereço de e-mail foi guardado} other {# endereços de e-mail foram guardados}} para a circulação (privados: nunca no registro).',
  'mail.platform.subject': 'Plataforma circulada: {title} (versão {version})',
  'mail.platform.body':
    'A plataforma “{title}” (versão {version}) foi registrada com {signatories, plural, one {# assinatura} other {# assinaturas}} e é circulada a todos os membros de {organisation} ({on}). Nenhum órgão pode bloqueá-la, atrasá-la ou editá-la; só os seus signatários podem emendá-la.',
  'mail.letter.subject': 'Carta a {body}: {title}',
  'mail.letter.body':
    '{author} escreveu a {body} ({on}). O Plenum entrega a carta a todos os membros de {body}; ninguém pode retê-la.',
  'mail.link': 'No Plenum: {url}',
  'mail.footer':
    'Você recebe esta mensagem como membro de {organisation}. A entrega está no registro público da organização; o seu endereço de e-mail não.',
  'import.members.file.empty': 'O arquivo está vazio: não há linha de cabeçalho com os nomes das colunas.',
  'import.members.file.unterminatedQuote':
    'Linha {line}: uma aspa aberta nesta linha nunca é fechada, então o resto do arquivo não pode ser lido.',
  'import.members.file.missingColumns':
    'O arquivo não tem coluna para {count, plural, one {este campo obrigatório} other {estes campos obrigatórios}}: {fields}. Colunas encontradas: {found}.',
  'import.members.file.fullNameColumn':
    'A coluna “{column}” parece conter nomes completos. O Plenum não divide nomes: informe os nomes e os sobrenomes em duas colunas.',
  'import.members.file.duplicateColumn': 'As colunas “{first}” e “{second}” contêm o mesmo campo: mantenha só uma.',
  'import.members.file.dateOrderConflict':
    'A coluna “{column}” tem datas escritas com o dia primeiro ({dmyValue}, linha {dmyLine}) e com o mês primeiro ({mdyValue}, linha {mdyLine}).',
  'import.members.file.dateOrderUnknown':
    'As datas da coluna “{column}” podem ser lidas com o dia ou com o mês primeiro ({value}, linha {line}): indique qual com --date-order dmy ou --date-order mdy.',
  'import.members.row.fieldCount':
    'Linha {line}: a linha tem {found, plural, one {# campo} other {# campos}}, o cabeçalho {expected, plural, one {# coluna} other {# colunas}}.',
  'import.members.row.malformedQuotes':
    'Linha {line}: há texto depois da aspa que fecha um campo; uma aspa dentro de um campo entre aspas deve ser duplicada.',
  'import.members.row.emptyGivenName': 'Linha {line}: o nome (coluna “{column}”) está vazio.',
  'import.members.row.emptyFamilyName': 'Linha {line}: o sobrenome (coluna “{column}”) está vazio.',
  'import.members.row.emptyUnit': 'Linha {line}: a unidade (coluna “{column}”) está vazia.',
  'import.members.row.emptyAdmittedOn': 'Linha {line}: a data de filiação (coluna “{column}”) está vazia.',
  'import.members.row.controlCharacter':
    'Linha {line}, coluna “{column}”: o caractere de controle ou invisível {codePoint} não é permitido.',
  'import.members.row.tooLong':
    'Linha {line}, coluna “{column}”: {length, plural, one {# caractere} other {# caracteres}}, mais que os {max} permitidos.',
  'import.members.row.emailInvalid': 'Linha {line}, coluna “{column}”: “{value}” não é um endereço de e-mail.',
  'import.members.row.duplicateEmail':
    'A linha {line} repete a linha {firstLine}: o endereço de e-mail “{value}” (coluna “{column}”) aparece duas vezes.',
  'import.members.row.duplicateExternalId':
    'A linha {line} repete a linha {firstLine}: a matrícula “{value}” (coluna “{column}”) aparece duas vezes.',
  'import.members.row.dateUnrecognised':
    'Linha {line}, coluna “{column}”: “{value}” não é uma data escrita como 2019-03-07, 07/03/2019, 7.3.2019 ou 07-03-2019.',
  'import.members.row.dateTwoDigitYear':
    'Linha {line}, coluna “{column}”: “{value}” tem o ano com dois dígitos, que pode ser de qualquer século; escreva o ano completo.',
  'import.members.row.dateImpossible': 'Linha {line}, coluna “{column}”: “{value}” não é um dia do calendário.',
  'import.members.row.dateNotYearFirst':
    'Linha {line}, coluna “{column}”: “{value}” não começa pelo ano, como exige a ordem de datas indicada.',
  'import.members.row.unitUnknown': 'Linha {line}, coluna “{column}”: não há unidade com o id ou nome “{value}”.',
  'import.members.row.unitAmbiguous':
    'Linha {line}, coluna “{column}”: várias unidades se chamam “{value}” ({ids}); informe o id de uma delas.',
  'import.members.row.unitNotForMembers':
    'Linha {line}, coluna “{column}”: membros não podem pertencer diretamente à unidade “{unit}”.',
  'import.members.row.admittedInFuture':
    'Linha {line}, coluna “{column}”: a data de filiação {value} é posterior a hoje ({today}).',
  'import.members.row.idExists': 'Linha {line}: já existe um membro com o id {id}.',
  'import.members.row.idRepeated': 'A linha {line} repete a linha {firstLine}: as duas seriam o membro {id}.',
  'import.members.field.givenName': 'nome',
  'import.members.field.familyName': 'sobrenome',
  'import.members.field.unitRef': 'unidade',
  'import.members.field.admittedOn': 'data de filiação',
  'import.members.field.email': 'e-mail',
  'import.members.field.externalId': 'matrícula',
};
